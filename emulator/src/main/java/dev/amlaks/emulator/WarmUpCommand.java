package dev.amlaks.emulator;

import dev.amlaks.emulator.clock.ClockMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;

/**
 * {@code java -XX:ArchiveClassesAtExit=app.jsa -jar aml-aks-emulator.jar warm-up}: starts an
 * emulator in a scratch data directory (first fresh, then again on what the first start left, as a
 * restarted container does), makes the calls clients make first, and stops. Run once when the
 * container image is built, it records the classes of a real start in a class-data-sharing archive,
 * which the image's entry point then maps instead of loading them again.
 */
@Command(name = "warm-up", hidden = true,
        description = "Start an emulator in a scratch directory, make representative calls and stop (records a CDS archive).")
final class WarmUpCommand implements Callable<Integer> {

    private static final String SUB = "/subscriptions/00000000-0000-4000-8000-000000000001";
    private static final String GROUP = SUB + "/resourceGroups/myresourcegroup";
    private static final String CLUSTER = GROUP + "/providers/Microsoft.ContainerService/managedClusters/myexistingcluster";
    private static final String WORKSPACE = GROUP + "/providers/Microsoft.MachineLearningServices/workspaces/myworkspace";

    private final PrintStream out;

    WarmUpCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Main.configureLogging("warn");
        Path dir = Files.createTempDirectory("emulator-warm-up-");
        try {
            EmulatorConfig config = EmulatorConfig.defaults().toBuilder().httpPort(0).httpsPort(0).dataDir(dir)
                    .clockMode(ClockMode.MANUAL).logLevel("warn").build();
            try (Emulator fresh = Emulator.start(config)) {
                firstCalls(fresh);
            }
            try (Emulator restarted = Emulator.start(config)) {
                firstCalls(restarted);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        out.println("warm-up done");
        return 0;
    }

    /** What a client does first: trust, log in, read the world, change it, poll, and make a few mistakes. */
    private static void firstCalls(Emulator e) throws Exception {
        String http = e.httpUrl();
        call(http, "GET", "/_emulator/health", null, null);
        call(http, "GET", "/_emulator/identity", null, null);
        call(http, "POST", "/_emulator/scenarios/seed-walkthrough", null, null);
        SSLContext tls = trusting(e.trustPem());
        String https = e.httpsUrl();
        var sp = e.defaultPrincipal();
        String form = "grant_type=client_credentials&client_id=" + sp.clientId() + "&client_secret=" + sp.clientSecret()
                + "&scope=https%3A%2F%2Fmanagement.core.windows.net%2F.default";
        call(https, tls, "POST", "/" + sp.tenantId() + "/oauth2/v2.0/token", form, "application/x-www-form-urlencoded");
        call(https, tls, "GET", "/metadata/endpoints?api-version=2022-09-01", null, null);
        for (String path : List.of(SUB + "?api-version=2022-12-01", SUB + "/resourcegroups?api-version=2021-04-01",
                CLUSTER + "?api-version=2024-02-01", WORKSPACE + "/computes?api-version=2022-10-01",
                SUB + "/providers/Microsoft.ContainerService/locations/westus/orchestrators?api-version=2019-08-01&resource-type=managedClusters",
                SUB + "/providers/Microsoft.Compute/locations/westus/usages?api-version=2023-07-01",
                GROUP + "/providers/Microsoft.Unknown/things/x?api-version=2021-04-01")) {
            call(https, tls, "GET", path, null, null);
        }
        call(https, tls, "PUT", GROUP + "/providers/Microsoft.MachineLearningServices/workspaces/myworkspace/computes/myaks"
                + "?api-version=2022-10-01", "{\"location\": \"westus\", \"properties\": {\"computeType\": \"AKS\", \"resourceId\": \""
                + CLUSTER + "\"}}", "application/json");
        call(http, "POST", "/_emulator/clock/advance?seconds=600", null, null);
        call(https, tls, "GET", WORKSPACE + "/computes/myaks?api-version=2022-10-01", null, null);
        call(https, tls, "PUT", SUB + "/resourcegroups/warm?api-version=2021-04-01", "{\"location\": ", "application/json");
        call(https, tls, "DELETE", GROUP + "?api-version=2021-04-01", null, null);
        call(http, "POST", "/_emulator/clock/advance?seconds=600", null, null);
    }

    private static SSLContext trusting(String pem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        int i = 0;
        for (var cert : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            trust.setCertificateEntry("ca" + i++, cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static void call(String base, String method, String path, String body, String type) throws IOException {
        call(base, null, method, path, body, type);
    }

    /** One request; the answer is read and dropped (a warm-up wants the classes, not the results). */
    private static void call(String base, SSLContext tls, String method, String path, String body, String type) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + path).toURL().openConnection(java.net.Proxy.NO_PROXY);
        if (c instanceof HttpsURLConnection s) {
            s.setSSLSocketFactory(tls.getSocketFactory());
        }
        c.setRequestMethod(method);
        c.setRequestProperty("Authorization", "Bearer warm-up");
        if (body != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", type);
            try (OutputStream o = c.getOutputStream()) {
                o.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.readAllBytes();
            }
        }
    }
}
