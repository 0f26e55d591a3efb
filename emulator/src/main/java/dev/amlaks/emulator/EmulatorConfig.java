package dev.amlaks.emulator;

import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.identity.AuthMode;
import dev.amlaks.emulator.spi.ProviderFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an emulator is started with. The command line ({@link Main}) and the in-process API
 * ({@link Emulator#start}) build the same record; {@link #defaults()} is what {@code java -jar}
 * with no flags gives, {@link #forTests()} what the JUnit extension gives.
 *
 * @param httpPort  0 means a free port
 * @param httpsPort 0 means a free port (HTTPS arrives with the identity issue)
 * @param dataDir   where the file-backed store lives, unless {@code inMemory}
 * @param startFresh begin an empty world in a data directory whose store is missing or empty (otherwise refused)
 * @param clockStart the virtual instant a new store starts at (null: real now)
 * @param fixturesDir a directory whose files override the built-in fixtures (null: none)
 * @param retryAfterSeconds the {@code Retry-After} sent on every in-progress operation answer
 * @param tickMillis how often (real milliseconds) the background ticker settles due operations
 * @param authMode   lenient (any bearer token) or strict (signature, expiry, audience, tenant checked)
 * @param tlsHosts   host names (or addresses) the generated server certificate names besides 127.0.0.1 and localhost
 * @param tlsCert    a PEM certificate chain to serve instead of the generated one (with {@code tlsKey})
 * @param controlToken what the control API requires as a bearer token when the emulator listens beyond loopback
 *                     (null: one is generated at start and printed)
 * @param catalogDate pins the Kubernetes version catalog to this date (null: the virtual clock's date picks it)
 * @param scenario  a scenario to load at start into a store that holds no resource group yet (null: none)
 * @param providers extra resource providers (tests use this to exercise the engine with a synthetic type)
 */
public record EmulatorConfig(
        String host,
        int httpPort,
        int httpsPort,
        Path dataDir,
        boolean inMemory,
        boolean startFresh,
        ClockMode clockMode,
        double clockScale,
        Instant clockStart,
        Path fixturesDir,
        String logLevel,
        boolean autoRegisterSubscriptions,
        int retryAfterSeconds,
        long tickMillis,
        int journalSize,
        int eventBufferSize,
        int defaultPageSize,
        AuthMode authMode,
        List<String> tlsHosts,
        Path tlsCert,
        Path tlsKey,
        String controlToken,
        java.time.LocalDate catalogDate,
        String scenario,
        List<ProviderFactory> providers) {

    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    public EmulatorConfig {
        providers = List.copyOf(providers);
        tlsHosts = List.copyOf(tlsHosts);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together: give both or neither");
        }
        if (httpPort < 0 || httpPort > 65535 || httpsPort < 0 || httpsPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        if (!(clockScale > 0)) {
            throw new IllegalArgumentException("--clock-scale must be a positive number, not " + clockScale);
        }
        if (retryAfterSeconds < 0) {
            throw new IllegalArgumentException("--retry-after must not be negative");
        }
        if (eventBufferSize < 1) {
            throw new IllegalArgumentException("the event buffer holds at least one event");
        }
        if (defaultPageSize < 1) {
            throw new IllegalArgumentException("the default page size must be at least 1");
        }
    }

    /** What {@code java -jar aml-aks-emulator.jar} starts with. */
    public static EmulatorConfig defaults() {
        return new EmulatorConfig("127.0.0.1", 8480, 8443, Path.of("emulator-data"), false, false, ClockMode.SCALED, 60.0, null,
                null, "info", true, 1, 200, 500, 5000, 100, AuthMode.LENIENT, List.of(), null, null, null, null, null, List.of());
    }

    /** In memory, free ports, a manual clock at a fixed instant: what each test class gets. */
    public static EmulatorConfig forTests() {
        return defaults().toBuilder()
                .httpPort(0)
                .httpsPort(0)
                .inMemory(true)
                .clockMode(ClockMode.MANUAL)
                .clockStart(Instant.parse("2026-12-01T00:00:00Z"))
                .logLevel("warn")
                .build();
    }

    /** True when the emulator listens only on a loopback address, where the control API needs no token. */
    public boolean loopbackOnly() {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A step-by-step way to change a few fields of a config. */
    public static final class Builder {
        private String host;
        private int httpPort;
        private int httpsPort;
        private Path dataDir;
        private boolean inMemory;
        private boolean startFresh;
        private ClockMode clockMode;
        private double clockScale;
        private Instant clockStart;
        private Path fixturesDir;
        private String logLevel;
        private boolean autoRegisterSubscriptions;
        private int retryAfterSeconds;
        private long tickMillis;
        private int journalSize;
        private int eventBufferSize;
        private int defaultPageSize;
        private AuthMode authMode;
        private List<String> tlsHosts;
        private Path tlsCert;
        private Path tlsKey;
        private String controlToken;
        private java.time.LocalDate catalogDate;
        private String scenario;
        private final List<ProviderFactory> providers;

        private Builder(EmulatorConfig c) {
            host = c.host;
            httpPort = c.httpPort;
            httpsPort = c.httpsPort;
            dataDir = c.dataDir;
            inMemory = c.inMemory;
            startFresh = c.startFresh;
            clockMode = c.clockMode;
            clockScale = c.clockScale;
            clockStart = c.clockStart;
            fixturesDir = c.fixturesDir;
            logLevel = c.logLevel;
            autoRegisterSubscriptions = c.autoRegisterSubscriptions;
            retryAfterSeconds = c.retryAfterSeconds;
            tickMillis = c.tickMillis;
            journalSize = c.journalSize;
            eventBufferSize = c.eventBufferSize;
            defaultPageSize = c.defaultPageSize;
            authMode = c.authMode;
            tlsHosts = c.tlsHosts;
            tlsCert = c.tlsCert;
            tlsKey = c.tlsKey;
            controlToken = c.controlToken;
            catalogDate = c.catalogDate;
            scenario = c.scenario;
            providers = new ArrayList<>(c.providers);
        }

        public Builder host(String v) {
            host = v;
            return this;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder httpsPort(int v) {
            httpsPort = v;
            return this;
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder startFresh(boolean v) {
            startFresh = v;
            return this;
        }

        public Builder inMemory(boolean v) {
            inMemory = v;
            return this;
        }

        public Builder clockMode(ClockMode v) {
            clockMode = v;
            return this;
        }

        public Builder clockScale(double v) {
            clockScale = v;
            return this;
        }

        public Builder clockStart(Instant v) {
            clockStart = v;
            return this;
        }

        public Builder fixturesDir(Path v) {
            fixturesDir = v;
            return this;
        }

        public Builder logLevel(String v) {
            logLevel = v;
            return this;
        }

        public Builder autoRegisterSubscriptions(boolean v) {
            autoRegisterSubscriptions = v;
            return this;
        }

        public Builder retryAfterSeconds(int v) {
            retryAfterSeconds = v;
            return this;
        }

        public Builder tickMillis(long v) {
            tickMillis = v;
            return this;
        }

        /** How many of the newest change events {@code GET /_emulator/events} can replay to a client that resumes. */
        public Builder eventBufferSize(int v) {
            eventBufferSize = v;
            return this;
        }

        public Builder journalSize(int v) {
            journalSize = v;
            return this;
        }

        public Builder defaultPageSize(int v) {
            defaultPageSize = v;
            return this;
        }

        public Builder authMode(AuthMode v) {
            authMode = v;
            return this;
        }

        public Builder tlsHosts(List<String> v) {
            tlsHosts = v;
            return this;
        }

        public Builder tlsCert(Path cert, Path key) {
            tlsCert = cert;
            tlsKey = key;
            return this;
        }

        public Builder controlToken(String v) {
            controlToken = v;
            return this;
        }

        public Builder catalogDate(java.time.LocalDate v) {
            catalogDate = v;
            return this;
        }

        public Builder scenario(String v) {
            scenario = v;
            return this;
        }

        public Builder provider(ProviderFactory v) {
            providers.add(v);
            return this;
        }

        public EmulatorConfig build() {
            return new EmulatorConfig(host, httpPort, httpsPort, dataDir, inMemory, startFresh, clockMode, clockScale, clockStart,
                    fixturesDir, logLevel, autoRegisterSubscriptions, retryAfterSeconds, tickMillis, journalSize,
                    eventBufferSize, defaultPageSize, authMode, tlsHosts, tlsCert, tlsKey, controlToken, catalogDate, scenario, providers);
        }
    }
}
