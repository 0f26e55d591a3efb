package dev.amlaks.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar aml-aks-emulator.jar health}: exits 0 only when the emulator on this machine
 * answers 200 at {@code /_emulator/health}. It is the container's HEALTHCHECK, so the image needs
 * no shell and no curl; it reads the same {@code EMULATOR_HOST} and {@code EMULATOR_HTTP_PORT}
 * as the server, and never loads the server's classes.
 */
@Command(name = HealthCommand.NAME, mixinStandardHelpOptions = true,
        description = "Exit 0 when the emulator on this machine answers 200 at /_emulator/health, 1 otherwise "
                + "(the container's HEALTHCHECK).")
final class HealthCommand implements Callable<Integer> {

    static final String NAME = "health";

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address the emulator listens on; 0.0.0.0 and :: are probed on loopback (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--http-port", defaultValue = "8480", description = "The emulator's HTTP port (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--timeout", defaultValue = "3", description = "Seconds to wait for the answer (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final PrintStream out;

    HealthCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        URI url = URI.create("http://" + probeHost(host) + ":" + httpPort + "/_emulator/health");
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection(java.net.Proxy.NO_PROXY);
            c.setConnectTimeout(timeoutSeconds * 1000);
            c.setReadTimeout(timeoutSeconds * 1000);
            int status = c.getResponseCode();
            c.disconnect();
            if (status == 200) {
                out.println("healthy: " + url + " answered 200");
                return 0;
            }
            out.println("unhealthy: " + url + " answered " + status);
        } catch (IOException e) {
            out.println("unhealthy: " + url + " did not answer (" + e.getMessage() + ")");
        }
        return 1;
    }

    /** Where a client on this machine reaches a server bound to {@code host}. */
    static String probeHost(String host) {
        String h = host == null ? "" : host.trim();
        if (h.isEmpty() || h.equals("0.0.0.0")) {
            return "127.0.0.1";
        }
        if (h.equals("::") || h.equals("[::]")) {
            return "[::1]";
        }
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }
}
