package dev.amlaks.emulator;

import dev.amlaks.emulator.catalog.Catalogs;
import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.http.FrontDoor;
import dev.amlaks.emulator.identity.AuthMode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code java -jar aml-aks-emulator.jar [flags]}. Every flag can also be set by an environment
 * variable named after it: {@code --http-port} is {@code EMULATOR_HTTP_PORT}. When ready it
 * prints one line, {@code aml-aks-emulator ready http=http://HOST:PORT}, so scripts can wait
 * for it and read the port.
 */
@Command(name = "aml-aks-emulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "An offline emulator of the Azure Resource Manager API for AKS clusters and Azure ML inference computes.%n"
                + "Every option can also be set by an environment variable: --http-port is EMULATOR_HTTP_PORT.")
public final class Main implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--http-port", defaultValue = "8480", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--https-port", defaultValue = "8443", description = "HTTPS port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int httpsPort;

    @Option(names = "--data-dir", defaultValue = "emulator-data",
            description = "Directory of the file-backed store (default: ./${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--in-memory", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "Keep state in memory only; nothing survives a restart.")
    boolean inMemory;

    @Option(names = "--start-fresh", defaultValue = "false", fallbackValue = "true", arity = "0..1",
            description = "Begin an empty world in a data directory whose store (emulator.mv.db) is missing or empty; without it"
                    + " such a directory is refused, so a lost store is never silently replaced.")
    boolean startFresh;

    @Option(names = "--clock", defaultValue = "scaled", converter = ClockModeConverter.class,
            description = "Virtual clock: real, scaled or manual (default: ${DEFAULT-VALUE}).")
    ClockMode clock;

    @Option(names = "--clock-scale", defaultValue = "60",
            description = "Virtual seconds per real second in scaled mode (default: ${DEFAULT-VALUE}).")
    double clockScale;

    @Option(names = "--clock-start", converter = InstantConverter.class,
            description = "Virtual instant a new store starts at, ISO-8601 (default: real now).")
    Instant clockStart;

    @Option(names = "--fixtures", description = "Directory whose fixture files override the built-in ones.")
    Path fixtures;

    @Option(names = "--auth", defaultValue = "lenient", converter = AuthModeConverter.class,
            description = "lenient (any bearer token) or strict (signature, expiry, audience and tenant checked) (default: ${DEFAULT-VALUE}).")
    AuthMode auth;

    @Option(names = "--tls-hosts", split = ",", description = "Extra host names or addresses for the generated HTTPS certificate "
            + "(127.0.0.1 and localhost are always in it), comma-separated.")
    List<String> tlsHosts = new ArrayList<>();

    @Option(names = "--tls-cert", description = "A PEM certificate chain to serve on HTTPS instead of the generated one (with --tls-key).")
    Path tlsCert;

    @Option(names = "--tls-key", description = "The PEM private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--control-token", description = "Bearer token the control API wants (beyond loopback one is always wanted: "
            + "without this flag it is generated and printed at start).")
    String controlToken;

    @Option(names = "--catalog-date", converter = DateConverter.class,
            description = "Pin the Kubernetes version catalog to this date, YYYY-MM-DD (default: the virtual clock's date picks it).")
    java.time.LocalDate catalogDate;

    @Option(names = "--scenario", description = "Load a named scenario (a starting world, e.g. seed-walkthrough) at start, into a store"
            + " that holds no resource group yet; GET /_emulator/scenarios lists them.")
    String scenario;

    @Option(names = "--log-level", defaultValue = "info", description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Option(names = "--auto-register-subscriptions", defaultValue = "true", fallbackValue = "true", arity = "0..1",
            description = "Create unknown subscriptions on first use instead of answering SubscriptionNotFound (default: ${DEFAULT-VALUE}).")
    boolean autoRegisterSubscriptions;

    @Option(names = "--retry-after", defaultValue = "1",
            description = "Retry-After seconds on in-progress long-running operation answers (default: ${DEFAULT-VALUE}).")
    int retryAfter;

    private final PrintStream out;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Emulator running;

    Main(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        // Before any channel I/O: the JDK keeps, per thread, the largest temporary direct buffer a
        // read or write of a heap buffer needed, for ever; with a thread per request that is memory
        // outside the heap no flag bounds. Larger ones are freed after use instead.
        if (System.getProperty(MAX_CACHED_BUFFER) == null) {
            System.setProperty(MAX_CACHED_BUFFER, Integer.toString(64 * 1024));
        }
        if (args.length == 0 || !args[0].equals(HealthCommand.NAME)) {
            // The catalogs every start reads whatever the flags say, begun on a spare thread before
            // picocli reads the flags. A health probe starts nothing and skips it.
            Catalogs.readAhead();
        }
        System.exit(run(args, System.getenv(), System.out));
    }

    private static final String MAX_CACHED_BUFFER = "jdk.nio.maxCachedBufferSize";

    /** Parses {@code args} (with {@code env} for defaults), starts the emulator and blocks until the JVM stops. */
    static int run(String[] args, Map<String, String> env, PrintStream out) {
        return commandLine(new Main(out), env).execute(args);
    }

    static CommandLine commandLine(Main main, Map<String, String> env) {
        CommandLine cl = new CommandLine(main);
        cl.addSubcommand(HealthCommand.NAME, new HealthCommand(main.out));
        cl.addSubcommand("warm-up", new WarmUpCommand(main.out));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setDefaultValueProvider(new EnvironmentDefaults(env));
        return cl;
    }

    /** Every variable that sets a flag ({@code EMULATOR_HTTP_PORT}, ...): what a container or a pipeline may set. */
    public static java.util.SortedSet<String> environmentVariables() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (OptionSpec o : new CommandLine(new Main(System.out)).getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                names.add(EnvironmentDefaults.variableFor(o));
            }
        }
        return names;
    }

    /** The config the parsed flags describe. */
    EmulatorConfig config() {
        if (!Set.of("error", "warn", "info", "debug", "trace").contains(logLevel.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--log-level '" + logLevel + "' is not one of error, warn, info, debug, trace");
        }
        return EmulatorConfig.defaults().toBuilder()
                .host(host)
                .httpPort(httpPort)
                .httpsPort(httpsPort)
                .dataDir(dataDir)
                .inMemory(inMemory)
                .startFresh(startFresh)
                .clockMode(clock)
                .clockScale(clockScale)
                .clockStart(clockStart)
                .fixturesDir(fixtures)
                .logLevel(logLevel.toLowerCase(Locale.ROOT))
                .autoRegisterSubscriptions(autoRegisterSubscriptions)
                .retryAfterSeconds(retryAfter)
                .authMode(auth)
                .tlsHosts(tlsHosts == null ? List.of() : tlsHosts)
                .tlsCert(tlsCert, tlsKey)
                .controlToken(controlToken)
                .catalogDate(catalogDate)
                .scenario(scenario)
                .build();
    }

    @Override
    public Integer call() throws InterruptedException {
        EmulatorConfig config;
        try {
            config = config();
        } catch (IllegalArgumentException e) {
            System.err.println("aml-aks-emulator: " + e.getMessage());
            return 2;
        }
        if (config.tlsCert() != null && !java.nio.file.Files.isReadable(config.tlsCert())) {
            System.err.println("aml-aks-emulator: --tls-cert " + config.tlsCert() + " cannot be read");
            return 2;
        }
        configureLogging(config.logLevel());
        // Only now, with the log levels set (Jetty's loggers keep the level they are made with).
        Emulator.startThread("emulator-preload", FrontDoor::preload);
        try {
            running = Emulator.start(config);
        } catch (RuntimeException e) {
            System.err.println("aml-aks-emulator: could not start: " + describe(e));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            System.err.println("aml-aks-emulator stopped");
            stopped.countDown();
        }, "emulator-shutdown"));
        String store = config.inMemory() ? "in memory" : config.dataDir().toAbsolutePath().normalize().toString();
        var sp = running.defaultPrincipal();
        System.err.println("aml-aks-emulator " + Emulator.version() + ": store " + store + ", clock " + config.clockMode().label()
                + (config.clockMode() == ClockMode.SCALED ? " x" + config.clockScale() : "") + ", auth " + config.authMode().label());
        System.err.println("  tenant " + sp.tenantId() + ", subscription " + running.context().subscriptions().defaultSubscriptionId()
                + ", service principal " + sp.clientId() + " / " + sp.clientSecret());
        System.err.println("  trust " + running.httpUrl() + "/_emulator/cert.pem; everything to connect: "
                + running.httpUrl() + "/_emulator/identity");
        String tokenLine = controlTokenLine(config.controlToken(), running.controlToken());
        if (tokenLine != null) {
            System.err.println(tokenLine);
        }
        out.println("aml-aks-emulator ready http=" + running.httpUrl() + " https=" + running.httpsUrl());
        out.flush();
        stopped.await();
        return 0;
    }

    /**
     * The start line about the control token, or null when the control API wants none: a generated token is printed
     * (beyond loopback nobody else knows it), a token the user chose only named.
     */
    static String controlTokenLine(String given, String inForce) {
        if (inForce == null) {
            return null;
        }
        return "  the control API (/_emulator/*) wants 'Authorization: Bearer " + (given == null ? inForce
                + "' (generated because the emulator listens beyond loopback; EMULATOR_CONTROL_TOKEN chooses it)" : "<your --control-token>'");
    }

    /** The emulator's own lines at {@code level}; the libraries' chatter (Jetty, Hikari, Flyway, Javalin) only from warn up. */
    static void configureLogging(String level) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        for (String quiet : List.of("org.eclipse.jetty", "com.zaxxer.hikari", "org.flywaydb", "io.javalin")) {
            System.setProperty("org.slf4j.simpleLogger.log." + quiet, "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
    }

    private static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getMessage()));
        Throwable t = e.getCause();
        while (t != null) {
            if (t.getMessage() != null && !b.toString().contains(t.getMessage())) {
                b.append(": ").append(t.getMessage());
            }
            t = t.getCause();
        }
        return b.toString();
    }

    /** {@code --http-port} defaults from {@code EMULATOR_HTTP_PORT}, and so on for every option. */
    static final class EnvironmentDefaults implements CommandLine.IDefaultValueProvider {
        private final Map<String, String> env;

        EnvironmentDefaults(Map<String, String> env) {
            this.env = env;
        }

        static String variableFor(OptionSpec option) {
            return "EMULATOR_" + option.longestName().replaceFirst("^-+", "").replace('-', '_').toUpperCase(Locale.ROOT);
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            if (arg instanceof OptionSpec option && !option.usageHelp() && !option.versionHelp()) {
                String v = env.get(variableFor(option));
                if (v != null && !v.isBlank()) {
                    return v.trim();
                }
            }
            return null;
        }
    }

    static final class AuthModeConverter implements CommandLine.ITypeConverter<AuthMode> {
        @Override
        public AuthMode convert(String value) {
            try {
                return AuthMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class ClockModeConverter implements CommandLine.ITypeConverter<ClockMode> {
        @Override
        public ClockMode convert(String value) {
            try {
                return ClockMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DateConverter implements CommandLine.ITypeConverter<java.time.LocalDate> {
        @Override
        public java.time.LocalDate convert(String value) {
            try {
                return java.time.LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a date such as 2020-10-02");
            }
        }
    }

    static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 instant such as 2020-10-02T00:00:00Z");
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"aml-aks-emulator " + Emulator.version()};
        }
    }
}
