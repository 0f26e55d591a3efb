package dev.amlaks.emulator.benchmark;

import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The benchmark's floor: a bare Javalin route on the emulator's JVM flags that answers every GET
 * with the bytes of a managed cluster's GET, held in memory. Whatever the emulator costs beyond
 * this is its own: authentication, routing, the store, shaping the body for an api-version.
 *
 * <p>Arguments: the port on 127.0.0.1, and the file holding the body.
 */
public final class Floor {

    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.startup.startupWatcherEnabled = false;
            cfg.http.generateEtags = false;
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector c = new ServerConnector(server);
                c.setHost("127.0.0.1");
                c.setPort(port);
                return c;
            });
            cfg.routes.get("/*", ctx -> ctx.contentType("application/json; charset=utf-8").result(body));
        });
        app.start();
        System.out.println("floor ready http=http://127.0.0.1:" + port);
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        Thread.currentThread().join();
    }
}
