package dev.amlaks.conformance;

import dev.amlaks.emulator.testing.Tools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Azure CLI, isolated: its own HOME and AZURE_CONFIG_DIR, telemetry, surveys, the version
 * check and extension downloads off, the target's CA trusted through REQUESTS_CA_BUNDLE, and (for
 * an emulator) every process behind a {@link DeadProxy}, so any call beyond 127.0.0.1 fails the
 * test loudly, naming where it tried to go.
 */
public final class AzCli implements AutoCloseable {

    public static final String CLOUD = "Emulator";

    private final Target target;
    private final Path home;
    private final DeadProxy proxy;
    private final Map<String, String> env = new HashMap<>();

    public AzCli(Target target, Path scratch) throws IOException {
        Tools.requireCommand("az", "install the Azure CLI 2.45 (apt-get install -y azure-cli) to run the Azure CLI suites");
        this.target = target;
        this.home = Files.createTempDirectory(scratch, "azhome-");
        Path config = seedConfigDir(home.resolve(".azure"));
        env.put("HOME", home.toString());
        env.put("AZURE_CONFIG_DIR", config.toString());
        env.put("AZURE_CORE_COLLECT_TELEMETRY", "false");
        env.put("AZURE_EXTENSION_USE_DYNAMIC_INSTALL", "no");
        env.put("AZURE_CORE_SURVEY_MESSAGE", "false");
        env.put("AZURE_CORE_NO_COLOR", "true");
        env.put("AZURE_CORE_ONLY_SHOW_ERRORS", "false");
        if (target.caPem() != null) {
            env.put("REQUESTS_CA_BUNDLE", target.caPem().toString());
            env.put("SSL_CERT_FILE", target.caPem().toString());
        }
        if (target.emulator()) {
            proxy = new DeadProxy();
            for (String v : List.of("HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy", "ALL_PROXY")) {
                env.put(v, proxy.url());
            }
            env.put("NO_PROXY", "127.0.0.1,localhost");
            env.put("no_proxy", "127.0.0.1,localhost");
        } else {
            proxy = null;
        }
    }

    /**
     * Makes {@code dir} a CLI configuration directory whose once-a-day version check has just run, so the CLI does not
     * probe azure.microsoft.com for it (a snippet that sets its own {@code AZURE_CONFIG_DIR} gets the same).
     */
    public static Path seedConfigDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("versionCheck.json"), "{\"versions\": {\"azure-cli\": {\"local\": \"2.45.0\"}, \"core\": "
                + "{\"local\": \"2.45.0\"}, \"telemetry\": {\"local\": \"1.0.8\"}}, \"update_time\": \""
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")) + "\"}");
        return dir;
    }

    /** The isolation of this CLI (HOME, telemetry, the dead proxy) without its own configuration directory or CA: for snippets that set both. */
    public Map<String, String> environmentForSnippets() {
        Map<String, String> e = new HashMap<>(env);
        e.remove("AZURE_CONFIG_DIR");
        e.remove("REQUESTS_CA_BUNDLE");
        e.remove("SSL_CERT_FILE");
        return e;
    }

    /** The attempts to leave the machine so far (empty for a target that is not an emulator). */
    public List<String> escapes() {
        return proxy == null ? List.of() : List.copyOf(proxy.attempts());
    }

    /** Runs {@code az args...}; fails the test if the process tried to leave the machine. */
    public Processes.Result run(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("az");
        cmd.addAll(List.of(args));
        int before = proxy == null ? 0 : proxy.attempts().size();
        Processes.Result r = Processes.run(cmd, env, home, 180);
        if (proxy != null && proxy.attempts().size() > before) {
            throw new AssertionError("az " + String.join(" ", args) + " tried to leave the machine: "
                    + proxy.attempts().subList(before, proxy.attempts().size()) + "\n--- stderr\n" + r.stderr());
        }
        return r;
    }

    /** Makes the target the active cloud: a custom cloud for an emulator, AzureCloud otherwise. */
    public void useTargetCloud() throws IOException, InterruptedException {
        useTargetCloud(null);
    }

    /**
     * The same under an API profile ({@code 2019-03-01-hybrid} and its kin; null for the latest). The
     * custom cloud is registered from the emulator's {@code /_emulator/cloud-config}, as {@code az cloud
     * register --cloud-config} takes it: endpoints, Microsoft Graph's resource id (az keyvault create
     * reads it) and the DNS suffixes of key vaults, storage and registries.
     */
    public void useTargetCloud(String profile) throws IOException, InterruptedException {
        if (!target.emulator()) {
            run("cloud", "set", "-n", "AzureCloud").requireSuccess("az cloud set");
            if (profile != null) {
                run("cloud", "update", "--profile", profile).requireSuccess("az cloud update --profile");
            }
            return;
        }
        Path config = home.resolve("cloud-config.json");
        HttpResponse<String> c = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(target.controlUrl() + "/_emulator/cloud-config"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (c.statusCode() != 200) {
            throw new IllegalStateException("GET /_emulator/cloud-config answered " + c.statusCode() + ": " + c.body());
        }
        Files.writeString(config, c.body());
        run("cloud", "register", "-n", CLOUD, "--cloud-config", "@" + config).requireSuccess("az cloud register");
        if (profile != null) {
            // register takes no --profile beside --cloud-config (it drops it): set it after.
            run("cloud", "update", "-n", CLOUD, "--profile", profile).requireSuccess("az cloud update --profile");
        }
        run("cloud", "set", "-n", CLOUD).requireSuccess("az cloud set");
    }

    /** The target's cloud and a service-principal login with its credentials, failing the test if either fails. */
    public AzCli signedIn() throws IOException, InterruptedException {
        useTargetCloud();
        login(target.clientSecret()).requireSuccess("az login");
        return this;
    }

    /**
     * {@code az group create}, {@code az aks create -c nodes -s vmSize} and {@code az aks show --query id}: a cluster made
     * the way the Azure ML documentation has one made before attaching it, and the id it attaches by (A6).
     */
    public String createCluster(String group, String location, String name, int nodes, String vmSize)
            throws IOException, InterruptedException {
        run("group", "create", "-n", group, "-l", location, "-o", "none").requireSuccess("az group create");
        run("aks", "create", "-g", group, "-n", name, "--node-count", Integer.toString(nodes), "--node-vm-size", vmSize,
                "--generate-ssh-keys", "-o", "none").requireSuccess("az aks create");
        return run("aks", "show", "-g", group, "-n", name, "--query", "id", "-o", "tsv").requireSuccess("az aks show").stdout().trim();
    }

    /** {@code az login --service-principal} with the target's credentials. */
    public Processes.Result login(String secret) throws IOException, InterruptedException {
        return run("login", "--service-principal", "-u", target.clientId(), "-p", secret, "--tenant", target.tenantId(), "-o", "json");
    }

    public Path home() {
        return home;
    }

    public Map<String, String> environment() {
        return Map.copyOf(env);
    }

    @Override
    public void close() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }
}
