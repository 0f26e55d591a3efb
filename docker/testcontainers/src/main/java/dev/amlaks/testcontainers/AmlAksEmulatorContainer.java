package dev.amlaks.testcontainers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The aml-aks-emulator image in a test: started, waited for until {@code /_emulator/health} answers
 * 200, and handing out what an Azure client needs (ARM endpoint, authority host, tenant,
 * subscription, service principal, the CA to trust as PEM, KeyStore or SSLContext) plus a small
 * control client ({@link #advanceClock}, {@link #reset}, {@link #loadScenario}).
 *
 * <pre>
 * try (AmlAksEmulatorContainer emulator = new AmlAksEmulatorContainer().withClockMode(ClockMode.MANUAL)) {
 *     emulator.start();
 *     ... emulator.armEndpoint(), emulator.trustManagerFactory() ...
 * }
 * </pre>
 *
 * <p>Networking: with port mapping (an ordinary Docker host) the emulator listens on every
 * interface inside the container and its ports are published on the host's loopback; where Docker
 * has no default bridge network (CI runners that use {@code --network host}) it shares the host's
 * network and listens on 127.0.0.1 at two free ports. {@link Networking#AUTO} picks by itself;
 * {@link #withNetworking} or the environment variable {@code AML_AKS_EMULATOR_NETWORK=host|mapped}
 * decides instead.
 */
public class AmlAksEmulatorContainer extends GenericContainer<AmlAksEmulatorContainer> {

    /** The image {@code docker/build-image.sh} builds. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("aml-aks-emulator:local");
    /** The ports inside the container (and the image's {@code EXPOSE}). */
    public static final int HTTP_PORT = 8480;
    public static final int HTTPS_PORT = 8443;
    /** The environment variable that chooses the networking when {@link Networking#AUTO} is in force. */
    public static final String NETWORK_VARIABLE = "AML_AKS_EMULATOR_NETWORK";

    /** How the test reaches the emulator. */
    public enum Networking {
        /** {@code AML_AKS_EMULATOR_NETWORK} if set, else host networking when Docker has no default bridge, else port mapping. */
        AUTO,
        /** The host's network: the emulator listens on 127.0.0.1 at two free ports of the host. */
        HOST,
        /** Ports 8480 and 8443 published on free ports of the Docker host. */
        PORT_MAPPING
    }

    /** {@code --clock}: how virtual time moves. */
    public enum ClockMode { REAL, SCALED, MANUAL }

    /** {@code --auth}: lenient accepts any bearer token; strict checks signature, expiry, audience and tenant. */
    public enum AuthMode { LENIENT, STRICT }

    private final String controlToken = UUID.randomUUID().toString();
    private Networking networking = Networking.AUTO;
    private Networking resolved;
    private int hostHttpPort;
    private int hostHttpsPort;
    private String dataVolume;
    private ControlClient control;
    private Identity identity;
    private String caPem;

    public AmlAksEmulatorContainer() {
        this(DEFAULT_IMAGE);
    }

    public AmlAksEmulatorContainer(String image) {
        this(DockerImageName.parse(image));
    }

    public AmlAksEmulatorContainer(DockerImageName image) {
        super(image);
        image.assertCompatibleWith(DockerImageName.parse("aml-aks-emulator"));
        withEnv("EMULATOR_CONTROL_TOKEN", controlToken);
        withEnv("EMULATOR_LOG_LEVEL", "warn");
        waitingFor(new HealthWait(this).withStartupTimeout(Duration.ofSeconds(60)));
    }

    /** Chooses the networking instead of {@link Networking#AUTO}. */
    public AmlAksEmulatorContainer withNetworking(Networking mode) {
        this.networking = mode;
        return self();
    }

    /** Loads a named starting world at start ({@code seed-walkthrough}: the Azure ML document's workspace and cluster). */
    public AmlAksEmulatorContainer withScenario(String name) {
        return withEnv("EMULATOR_SCENARIO", name);
    }

    public AmlAksEmulatorContainer withClockMode(ClockMode mode) {
        return withEnv("EMULATOR_CLOCK", mode.name().toLowerCase(Locale.ROOT));
    }

    /** Virtual seconds per real second in {@link ClockMode#SCALED} mode (the image's default is 60). */
    public AmlAksEmulatorContainer withClockScale(double scale) {
        return withEnv("EMULATOR_CLOCK_SCALE", Double.toString(scale));
    }

    /** The virtual instant a new store starts at. */
    public AmlAksEmulatorContainer withClockStart(Instant start) {
        return withEnv("EMULATOR_CLOCK_START", start.toString());
    }

    public AmlAksEmulatorContainer withAuthMode(AuthMode mode) {
        return withEnv("EMULATOR_AUTH", mode.name().toLowerCase(Locale.ROOT));
    }

    /** Pins the Kubernetes version catalog to a date ({@code 2020-10-02} is the Azure ML document's). */
    public AmlAksEmulatorContainer withCatalogDate(LocalDate date) {
        return withEnv("EMULATOR_CATALOG_DATE", date.toString());
    }

    /** Keeps the store in a named Docker volume at {@code /data}, so state survives this container (Docker makes the volume if needed). */
    public AmlAksEmulatorContainer withDataVolume(String volumeName) {
        this.dataVolume = volumeName;
        return self();
    }

    @Override
    protected void configure() {
        resolved = resolveNetworking();
        if (resolved == Networking.HOST) {
            hostHttpPort = freeLoopbackPort();
            hostHttpsPort = freeLoopbackPort();
            withNetworkMode("host");
            withEnv("EMULATOR_HOST", "127.0.0.1");
            withEnv("EMULATOR_HTTP_PORT", Integer.toString(hostHttpPort));
            withEnv("EMULATOR_HTTPS_PORT", Integer.toString(hostHttpsPort));
        } else {
            withExposedPorts(HTTP_PORT, HTTPS_PORT);
            String host = getHost();
            if (isLoopback(host)) {
                // Published on the host's loopback only: an emulator hands out secrets and should not face the network.
                withCreateContainerCmdModifier(cmd -> {
                    Ports ports = new Ports();
                    ports.bind(ExposedPort.tcp(HTTP_PORT), Ports.Binding.bindIp("127.0.0.1"));
                    ports.bind(ExposedPort.tcp(HTTPS_PORT), Ports.Binding.bindIp("127.0.0.1"));
                    cmd.getHostConfig().withPortBindings(ports);
                });
            } else {
                withEnv("EMULATOR_TLS_HOSTS", host);
            }
        }
        if (dataVolume != null) {
            withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(new Bind(dataVolume, new Volume("/data"))));
        }
    }

    private Networking resolveNetworking() {
        if (networking != Networking.AUTO) {
            return networking;
        }
        String chosen = System.getenv(NETWORK_VARIABLE);
        if (chosen != null && !chosen.isBlank()) {
            switch (chosen.trim().toLowerCase(Locale.ROOT)) {
                case "host":
                    return Networking.HOST;
                case "mapped":
                    return Networking.PORT_MAPPING;
                default:
                    throw new IllegalArgumentException(NETWORK_VARIABLE + "='" + chosen + "' is neither 'host' nor 'mapped'");
            }
        }
        if (getNetwork() != null) {
            return Networking.PORT_MAPPING;   // a network of the test's own (Network.newNetwork()) carries published ports
        }
        boolean bridge = DockerClientFactory.instance().client().listNetworksCmd().withNameFilter("bridge").exec().stream()
                .anyMatch(n -> "bridge".equals(n.getName()));
        return bridge ? Networking.PORT_MAPPING : Networking.HOST;
    }

    @Override
    protected void containerIsStarted(InspectContainerResponse info) {
        ControlClient c = control();
        caPem = c.get("/_emulator/cert.pem");
        identity = Identity.parse(c.get("/_emulator/identity"));
    }

    /** Which networking is in force (after {@link #start()}). */
    public Networking networking() {
        return resolved;
    }

    /** The host the test reaches the emulator on. */
    @Override
    public String getHost() {
        return resolved == Networking.HOST ? "127.0.0.1" : super.getHost();
    }

    /** The HTTP port on the test's side. */
    public int httpPort() {
        return resolved == Networking.HOST ? hostHttpPort : getMappedPort(HTTP_PORT);
    }

    /** The HTTPS port on the test's side. */
    public int httpsPort() {
        return resolved == Networking.HOST ? hostHttpsPort : getMappedPort(HTTPS_PORT);
    }

    /** {@code http://host:port}: the control API, plain-HTTP clients, curl. */
    public String httpEndpoint() {
        return "http://" + hostForUrl() + ":" + httpPort();
    }

    /** {@code https://host:port/}: ARM, what the Azure SDKs and CLI call (with a trailing slash, as Azure's own endpoints have). */
    public String armEndpoint() {
        return "https://" + hostForUrl() + ":" + httpsPort() + "/";
    }

    /** {@code https://host:port}: the Entra-shaped login (authority host of azure-identity and MSAL; turn instance discovery off). */
    public String authorityHost() {
        return "https://" + hostForUrl() + ":" + httpsPort();
    }

    public String tenantId() {
        return started().tenantId();
    }

    public String subscriptionId() {
        return started().subscriptionId();
    }

    /** The default service principal's client id. */
    public String clientId() {
        return started().clientId();
    }

    public String clientSecret() {
        return started().clientSecret();
    }

    /** The CA certificate the HTTPS endpoint chains to, as PEM. */
    public String caCertificatePem() {
        started();
        return caPem;
    }

    /** A PKCS12 key store holding only that CA (no password). */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caCertificatePem().getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("aml-aks-emulator-" + i++, c);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the emulator's CA certificate could not be read: " + e.getMessage(), e);
        }
    }

    /** Trust managers over {@link #trustStore()}: what Netty's {@code SslContextBuilder.trustManager(...)} takes. */
    public TrustManagerFactory trustManagerFactory() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            return tmf;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TLS context trusting only the emulator's CA: for {@code java.net.http.HttpClient} and the JDK-based Azure HTTP client. */
    public SSLContext sslContext() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, trustManagerFactory().getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bearer token the control API wants (the container is started with one of its own). */
    public String controlToken() {
        return controlToken;
    }

    /** Moves virtual time forward; long-running operations due by then complete at once. */
    public void advanceClock(Duration by) {
        long millis = by.toMillis();
        control().post("/_emulator/clock/advance?seconds=" + millis / 1000 + (millis % 1000 == 0 ? "" : "." + String.format("%03d", millis % 1000)));
    }

    /** The virtual clock's current instant. */
    public Instant virtualNow() {
        return Instant.parse(ControlClient.field(control().get("/_emulator/clock"), "now"));
    }

    /** Back to the starting state (the fixtures' subscriptions and identities, no resources); the clock keeps its time. */
    public void reset() {
        control().post("/_emulator/reset");
    }

    /** Resets and builds a named starting world through the ARM API ({@code seed-walkthrough}), every operation completed. */
    public void loadScenario(String name) {
        control().post("/_emulator/scenarios/" + name);
    }

    /** The control API, for the calls this class has no method for. */
    public ControlClient control() {
        if (control == null) {
            control = new ControlClient(httpEndpoint(), controlToken);
        }
        return control;
    }

    private Identity started() {
        if (identity == null) {
            throw new IllegalStateException("the emulator container is not started: call start() first");
        }
        return identity;
    }

    private String hostForUrl() {
        String h = getHost();
        return h.contains(":") && !h.startsWith("[") ? "[" + h + "]" : h;
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    /** What {@code /_emulator/identity} hands out. */
    record Identity(String tenantId, String subscriptionId, String clientId, String clientSecret) {
        static Identity parse(String json) {
            return new Identity(ControlClient.field(json, "tenantId"), ControlClient.field(json, "subscriptionId"),
                    ControlClient.field(json, "clientId"), ControlClient.field(json, "clientSecret"));
        }
    }
}
