package dev.amlaks.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an SDK script (Node or Python) against the target: the target's coordinates in the
 * environment (the names the Azure SDKs' own samples use), its CA trusted, and for an emulator
 * every process behind a {@link DeadProxy} so nothing leaves the machine unnoticed.
 */
public final class ClientProcess implements AutoCloseable {

    private final Map<String, String> env = new HashMap<>();
    private final DeadProxy proxy;
    private final Path workDir;

    public ClientProcess(Target target, Path scratch) throws IOException {
        workDir = Files.createTempDirectory(scratch, "client-");
        env.put("AZURE_TENANT_ID", target.tenantId());
        env.put("AZURE_CLIENT_ID", target.clientId());
        env.put("AZURE_CLIENT_SECRET", target.clientSecret());
        env.put("AZURE_SUBSCRIPTION_ID", target.subscriptionId());
        env.put("AZURE_AUTHORITY_HOST", target.authorityHost());
        env.put("ARM_ENDPOINT", target.armBase());
        env.put("EMULATOR", Boolean.toString(target.emulator()));
        env.put("HOME", workDir.toString());
        if (target.caPem() != null) {
            env.put("NODE_EXTRA_CA_CERTS", target.caPem().toString());
            env.put("REQUESTS_CA_BUNDLE", target.caPem().toString());
            env.put("SSL_CERT_FILE", target.caPem().toString());
        }
        if (target.emulator()) {
            proxy = new DeadProxy();
            for (String v : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy")) {
                env.put(v, proxy.url());
            }
            env.put("NO_PROXY", "127.0.0.1,localhost");
            env.put("no_proxy", "127.0.0.1,localhost");
        } else {
            proxy = null;
        }
    }

    /** Runs {@code command} in {@code dir} with the target's environment plus {@code extra}. */
    public Processes.Result run(List<String> command, Path dir, Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extra);
        int before = proxy == null ? 0 : proxy.attempts().size();
        Processes.Result r = Processes.run(command, all, dir, 180);
        if (proxy != null && proxy.attempts().size() > before) {
            throw new AssertionError(String.join(" ", command) + " tried to leave the machine: "
                    + proxy.attempts().subList(before, proxy.attempts().size()) + "\n--- stderr\n" + r.stderr());
        }
        return r;
    }

    /** The conformance-tests module directory (where js/ and python/ live). */
    public static Path moduleDir() {
        String dir = System.getProperty("conformance.moduleDir");
        return dir == null ? Path.of("").toAbsolutePath() : Path.of(dir);
    }

    @Override
    public void close() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }
}
