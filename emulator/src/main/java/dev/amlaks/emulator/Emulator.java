package dev.amlaks.emulator;

import dev.amlaks.emulator.catalog.Catalogs;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.clock.ClockStore;
import dev.amlaks.emulator.clock.VirtualClock;
import dev.amlaks.emulator.control.ControlRoutes;
import dev.amlaks.emulator.control.EventRoutes;
import dev.amlaks.emulator.control.MetadataRoutes;
import dev.amlaks.emulator.control.ScenarioRoutes;
import dev.amlaks.emulator.control.Scenarios;
import dev.amlaks.emulator.control.WorldRoutes;
import dev.amlaks.emulator.dashboard.DashboardRoutes;
import dev.amlaks.emulator.faults.FaultRoutes;
import dev.amlaks.emulator.faults.Faults;
import dev.amlaks.emulator.fixtures.FixtureSource;
import dev.amlaks.emulator.http.ArmDispatcher;
import dev.amlaks.emulator.http.FrontDoor;
import dev.amlaks.emulator.http.Journal;
import dev.amlaks.emulator.http.OperationHandler;
import dev.amlaks.emulator.identity.AuthMode;
import dev.amlaks.emulator.identity.Authenticator;
import dev.amlaks.emulator.identity.Certificates;
import dev.amlaks.emulator.identity.IdentityControlRoutes;
import dev.amlaks.emulator.identity.IdentityRoutes;
import dev.amlaks.emulator.identity.ServicePrincipal;
import dev.amlaks.emulator.identity.ServicePrincipalService;
import dev.amlaks.emulator.identity.SigningKey;
import dev.amlaks.emulator.identity.TlsMaterial;
import dev.amlaks.emulator.identity.Tokens;
import dev.amlaks.emulator.operations.OperationProgress;
import dev.amlaks.emulator.operations.OperationRepository;
import dev.amlaks.emulator.operations.OperationService;
import dev.amlaks.emulator.providers.authorization.AuthorizationProvider;
import dev.amlaks.emulator.providers.compute.ComputeProvider;
import dev.amlaks.emulator.providers.compute.QuotaLedger;
import dev.amlaks.emulator.providers.containerservice.AksContext;
import dev.amlaks.emulator.providers.containerservice.ContainerServiceProvider;
import dev.amlaks.emulator.providers.dependencies.DependenciesProvider;
import dev.amlaks.emulator.providers.kubernetesconfiguration.KubernetesConfigurationProvider;
import dev.amlaks.emulator.providers.machinelearning.MachineLearningProvider;
import dev.amlaks.emulator.providers.machinelearning.MlContext;
import dev.amlaks.emulator.providers.network.NetworkProvider;
import dev.amlaks.emulator.providers.policy.PolicyService;
import dev.amlaks.emulator.providers.resources.ProviderHandler;
import dev.amlaks.emulator.providers.resources.GenericResourceHandler;
import dev.amlaks.emulator.providers.resources.GenericResourceService;
import dev.amlaks.emulator.providers.resources.ResourceGroupHandler;
import dev.amlaks.emulator.providers.resources.ResourceGroupService;
import dev.amlaks.emulator.providers.resources.ResourcesProvider;
import dev.amlaks.emulator.providers.deployments.ArmEndpoint;
import dev.amlaks.emulator.providers.deployments.DeploymentsProvider;
import dev.amlaks.emulator.providers.resources.SubscriptionHandler;
import dev.amlaks.emulator.snapshots.SnapshotRoutes;
import dev.amlaks.emulator.snapshots.Snapshots;
import dev.amlaks.emulator.spi.ArmRouter;
import dev.amlaks.emulator.spi.EmulatorContext;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.spi.Provider;
import dev.amlaks.emulator.spi.ProviderFactory;
import dev.amlaks.emulator.spi.References;
import dev.amlaks.emulator.store.ChangeFeed;
import dev.amlaks.emulator.store.Database;
import dev.amlaks.emulator.store.ResourceRepository;
import dev.amlaks.emulator.tenancy.SubscriptionService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running emulator, in-process: {@code Emulator.start(config)} ... {@code close()}. Every
 * collaborator is constructed here, in one readable place, in dependency order.
 */
public final class Emulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);
    /** How far ahead (real time, at the clock's rate) virtual time is saved before it is read. */
    private static final long CLOCK_LEASE_MILLIS = 2000;

    private final EmulatorConfig config;
    private final Database database;
    private final VirtualClock clock;
    private final ClockStore clockStore;
    private final Faults faults;
    private final OperationService operations;
    private final OperationRepository operationRows;
    private final SubscriptionService subscriptions;
    private final ServicePrincipalService principals;
    private final EmulatorContext context;
    private final Journal journal;
    private final ChangeFeed changes;
    private final OperationProgress progress;
    private final FrontDoor frontDoor;
    private final TlsMaterial tls;
    private final String controlToken;
    private final ScheduledExecutorService ticker;
    private List<Provider> providers = List.of();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private Emulator(EmulatorConfig config) {
        this.config = config;
        Path keep = config.inMemory() ? null : config.dataDir().toAbsolutePath().normalize();
        if (keep != null) {
            checkStore(keep, config.startFresh());
        }
        // Three things start-up waits for run side by side: the keys (read, or the TLS ones made at a first
        // start with BouncyCastle; a token signing key only when first used), the store (H2, and Flyway when
        // it is behind) and the catalogs, read here.
        CompletableFuture<Keys> keys = CompletableFuture.supplyAsync(() -> Keys.of(config, keep),
                task -> startThread("emulator-start-keys", task));
        CompletableFuture<Database> store = CompletableFuture.supplyAsync(
                () -> config.inMemory() ? Database.h2Memory() : Database.h2File(config.dataDir()),
                task -> startThread("emulator-start-store", task));
        Catalogs catalogs;
        try {
            catalogs = Catalogs.load(new FixtureSource(config.fixturesDir()));
            this.database = await(store);
        } catch (RuntimeException e) {
            // Nothing goes on writing in the data directory after a refusal, and no store stays open.
            keys.handle((k, x) -> null).join();
            store.handle((db, x) -> {
                if (db != null) {
                    db.close();
                }
                return null;
            }).join();
            throw e;
        }
        try {
            Keys k = await(keys);
            TlsMaterial tls = k.tls();
            SigningKey signingKey = k.signingKey();
            Tokens tokens = new Tokens(signingKey);
            this.tls = tls;
            ResourceRepository resources = new ResourceRepository(database);
            this.operationRows = new OperationRepository(database);
            this.clockStore = new ClockStore(database);
            this.clock = startClock(config, clockStore, resources, operationRows);
            // Published from here on, each when its transaction commits: what the dashboard follows.
            this.changes = new ChangeFeed(config.eventBufferSize(), clock::nowMillis);
            resources.publishTo(changes);
            operationRows.publishTo(changes);
            this.progress = new OperationProgress(operationRows, database, changes, clock);
            this.operations = new OperationService(database, operationRows, resources, clock, catalogs.durations());
            Lists lists = new Lists(config.defaultPageSize());
            Lro lro = new Lro(config.retryAfterSeconds());
            this.subscriptions = new SubscriptionService(database, resources, clock, catalogs.identity(),
                    config.autoRegisterSubscriptions());
            ResourceGroupService groups = new ResourceGroupService(database, resources, operations, clock, catalogs.regions());
            KubernetesVersions kubernetes = new KubernetesVersions(catalogs.kubernetes(), clock::now, config.catalogDate());
            QuotaLedger quota = new QuotaLedger(database, resources, clock, catalogs.regions(), catalogs.quotas());
            PolicyService policies = new PolicyService(database, resources, clock);
            ArmRouter router = new ArmRouter();
            this.context = new EmulatorContext(database, resources, clock, operations, catalogs, subscriptions, groups,
                    lists, lro, kubernetes, tls.trustPem(), new References(resources, router));
            NetworkProvider network = new NetworkProvider(context);
            AksContext aks = new AksContext(database, resources, operations, clock, kubernetes, catalogs.vmSizes(), catalogs.regions(), groups, quota, policies, subscriptions,
                    network.virtualNetworks(), context.references());

            List<Provider> providers = new ArrayList<>();
            providers.add(new ResourcesProvider(catalogs.apiVersions(), groups, new ResourceGroupHandler(groups, lists, lro),
                    new SubscriptionHandler(subscriptions, catalogs.regions(), lists), new ProviderHandler(router, catalogs.regions()),
                    new GenericResourceHandler(new GenericResourceService(database, resources, groups, catalogs.apiVersions()), lists)));
            providers.add(new ComputeProvider(quota, catalogs.vmSizes(), catalogs.regions(), catalogs.apiVersions()));
            ContainerServiceProvider containerService = new ContainerServiceProvider(aks, lists, lro, tls.trustPem(), catalogs.apiVersions());
            providers.add(containerService);
            KubernetesConfigurationProvider kubernetesConfiguration = new KubernetesConfigurationProvider(context, containerService.clusters());
            providers.add(kubernetesConfiguration);
            MachineLearningProvider machineLearning = new MachineLearningProvider(new MlContext(database, resources, operations, clock,
                    kubernetes, catalogs.vmSizes(), catalogs.regions(), groups, subscriptions, quota, containerService.clusters(),
                    kubernetesConfiguration.extensions(), context.references(), this::httpsUrl,
                    entraTokens(config.authMode(), tokens)), lists, lro, catalogs.apiVersions());
            providers.add(machineLearning);
            providers.add(new AuthorizationProvider(context));
            providers.add(network);
            providers.add(new DependenciesProvider(context));
            providers.add(new DeploymentsProvider(context, new ArmEndpoint() {
                @Override
                public String armBaseUrl() {
                    return httpUrl();
                }

                @Override
                public String bearerToken(String tenantId, String appId) {
                    return tokens.issue(deployingPrincipal(tenantId, appId), Tokens.ARM_AUDIENCES.get(0), System.currentTimeMillis(), 3600);
                }
            }));
            for (ProviderFactory f : config.providers()) {
                providers.add(f.create(context));
            }
            this.providers = List.copyOf(providers);
            for (Provider p : providers) {
                p.routes(router);
                p.operationKinds().forEach(operations::register);
            }
            operations.checkDurations();
            OperationHandler operationHandler = new OperationHandler(operations, clock, lro);
            router.at(OperationHandler.OPERATION_STATUS, OperationHandler.STATUS_PATH).get(operationHandler::status);
            router.at(OperationHandler.OPERATION_STATUS, OperationHandler.RESULT_PATH).get(operationHandler::result);

            this.principals = new ServicePrincipalService(database, resources, clock, catalogs.identity(), subscriptions);
            Authenticator authenticator = new Authenticator(config.authMode(), tokens, System::currentTimeMillis, ownHosts(config));

            subscriptions.loadFixtures(null);
            principals.loadFixtures();
            operations.settle();
            // Readings never pass what is saved, so virtual time after a kill -9 is never behind one seen.
            clock.persistAhead(clockStore::save, Math.max(CLOCK_LEASE_MILLIS, 5 * config.tickMillis()));
            clock.onChange(now -> {
                clockStore.save(now);
                changes.publish("clock.changed", clockState());
                operations.settle(now);
                progress.reportNow();
            });

            this.journal = new Journal(config.journalSize());
            // Beyond loopback the control API always wants a token; on loopback only when one is given.
            this.controlToken = config.controlToken() != null ? config.controlToken()
                    : config.loopbackOnly() ? null : java.util.UUID.randomUUID().toString();
            this.faults = new Faults(operations);
            Snapshots snapshots = new Snapshots(database, clock, keep == null ? null : keep.resolve("snapshots"), () -> {
                subscriptions.forget();
                operations.invalidate();
                changes.publish("world.reset", Map.of("reason", "a snapshot was restored"));
            });
            ArmDispatcher dispatcher = new ArmDispatcher(router, subscriptions, operations, resources, catalogs.regions(), authenticator,
                    catalogs.fieldEras(), faults);
            ControlRoutes control = new ControlRoutes(clock, journal, new ControlRoutes.Status() {
                @Override
                public boolean ready() {
                    return ready.get();
                }

                @Override
                public Map<String, Object> describe() {
                    return Emulator.this.describe();
                }
            }, this::reset);
            IdentityControlRoutes identityControl = new IdentityControlRoutes(principals, subscriptions, tls, this::httpsPort,
                    config.authMode());
            IdentityRoutes identity = new IdentityRoutes(principals, tokens, signingKey, System::currentTimeMillis);
            Scenarios scenarios = new Scenarios(catalogs.scenarios(), kubernetes, operations, database, new Scenarios.Endpoint() {
                @Override
                public String armBaseUrl() {
                    return httpUrl();
                }

                @Override
                public String bearerToken() {
                    return tokens.issue(principals.defaultPrincipal(), Tokens.ARM_AUDIENCES.get(0), System.currentTimeMillis(), 3600);
                }
            }, this::reset, subscriptions::defaultSubscriptionId, sub -> subscriptions.require(sub, null));
            if (config.scenario() != null && !scenarios.exists(config.scenario())) {
                throw new IllegalArgumentException("--scenario '" + config.scenario() + "' is not a scenario; GET /_emulator/scenarios"
                        + " lists them: " + scenarios.list().stream().map(m -> String.valueOf(m.get("name"))).toList());
            }
            this.frontDoor = new FrontDoor(new FrontDoor.Settings(config.host(), config.httpPort(), config.httpsPort(),
                    EmulatorConfig.MAX_BODY_BYTES), dispatcher, journal, clock::nowMillis,
                    List.of(control, identityControl, new FaultRoutes(faults), new SnapshotRoutes(snapshots), new WorldRoutes(kubernetes, quota, policies, catalogs.regions(),
                            catalogs.vmSizes().families().keySet()),
                            new ScenarioRoutes(scenarios), new MetadataRoutes(), new EventRoutes(changes), new DashboardRoutes(),
                            identity, machineLearning.scoring()), tls, controlToken);
            // Assigned before the ports open: a request arriving at once (a health probe) finds it, and health says 503 until ready.
            frontDoor.start();
            this.ticker = startTicker(config.tickMillis());
            if (config.scenario() != null) {
                if (context.resources().countOfType(ResourceGroupService.TYPE_KEY) == 0) {
                    try {
                        scenarios.load(config.scenario(), null, false);
                    } catch (RuntimeException e) {
                        ticker.shutdownNow();
                        frontDoor.close();
                        throw e;
                    }
                } else {
                    LOG.info("--scenario {} not loaded: this data directory already holds resource groups; POST /_emulator/scenarios/{}"
                            + " reloads it from a clean store", config.scenario(), config.scenario());
                }
            }
            ready.set(true);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** What HTTPS serves and what tokens are signed with: the data directory's, or new. */
    /**
     * What an {@code AADToken} endpoint's scoring accepts: in strict mode an Entra token this
     * emulator signed for Azure ML's data plane, unexpired; in lenient mode any JWT.
     */
    private static java.util.function.Predicate<String> entraTokens(AuthMode mode, Tokens tokens) {
        if (mode == AuthMode.STRICT) {
            return t -> tokens.validFor(t, System.currentTimeMillis(), Tokens.ML_AUDIENCES);
        }
        return t -> t.split("\\.", -1).length == 3;
    }

    private record Keys(TlsMaterial tls, SigningKey signingKey) {

        static Keys of(EmulatorConfig config, Path keep) {
            TlsMaterial tls = config.tlsCert() != null ? Certificates.supplied(config.tlsCert(), config.tlsKey())
                    : Certificates.generated(keep == null ? null : keep.resolve("tls"), config.tlsHosts());
            return new Keys(tls, SigningKey.open(keep == null ? null : keep.resolve("identity")));
        }
    }

    /** What {@code work} made, or the very exception it threw (its message names the file and the fix). */
    private static <T> T await(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Who a template deployment's calls are made as: its caller when known here, else a principal of the subscription's tenant. */
    private dev.amlaks.emulator.identity.ServicePrincipal deployingPrincipal(String tenantId, String appId) {
        if (appId != null) {
            var caller = principals.find(appId);
            if (caller.isPresent()) {
                return caller.get();
            }
        }
        return principals.all().stream().filter(p -> p.tenantId().equalsIgnoreCase(tenantId)).findFirst()
                .orElse(principals.defaultPrincipal());
    }

    /** A daemon thread for start-up work: it never keeps the JVM alive. */
    static void startThread(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Starts an emulator and returns once it answers on its ports. */
    public static Emulator start(EmulatorConfig config) {
        return new Emulator(config);
    }

    /**
     * A new store starts at {@code --clock-start} or real now; an existing one continues from its
     * high-water mark, never behind any time already written.
     */
    private static VirtualClock startClock(EmulatorConfig config, ClockStore store, ResourceRepository resources,
                                           OperationRepository operations) {
        long saved = store.load();
        Instant start;
        if (saved == 0) {
            start = config.clockStart() != null ? config.clockStart() : Instant.now();
        } else {
            start = Instant.ofEpochMilli(Math.max(saved, Math.max(resources.latestWrite(), operations.latestWrite())));
            if (config.clockStart() != null && config.clockStart().isAfter(start)) {
                start = config.clockStart();
            } else if (config.clockStart() != null) {
                LOG.info("--clock-start {} ignored: this data directory's virtual time is already {}", config.clockStart(), start);
            }
        }
        store.save(start.toEpochMilli());
        return new VirtualClock(config.clockMode(), config.clockScale(), start);
    }

    private ScheduledExecutorService startTicker(long tickMillis) {
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "emulator-ticker");
            th.setDaemon(true);
            return th;
        });
        t.scheduleWithFixedDelay(() -> {
            try {
                clock.extendLease();
                operations.settle();
                progress.report();
                providers.forEach(Provider::tick);
            } catch (RuntimeException e) {
                if (!closed.get()) {
                    LOG.error("the background ticker failed; it will try again", e);
                }
            }
        }, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        return t;
    }

    /**
     * Returns the store to the fixtures' starting state: everything, or one subscription's
     * resources and operations. The virtual clock keeps its time.
     */
    /**
     * Back to the fixtures' world, or one subscription's: deleting and reloading is one transaction,
     * so a reader sees the old world or the new one, never the empty one between.
     */
    public void reset(String subscriptionId) {
        database.useTransaction(h -> {
            if (subscriptionId == null) {
                operationRows.deleteAll(h);
                context.resources().deleteAll(h);
            } else {
                String key = subscriptionId.toLowerCase(java.util.Locale.ROOT);
                context.resources().deleteSubscription(h, key);
                operationRows.deleteSubscription(h, key);
            }
            subscriptions.loadFixtures(h, subscriptionId);
            if (subscriptionId == null) {
                principals.loadFixtures(h);
            }
        });
        subscriptions.forget();
        operations.invalidate();
        if (subscriptionId == null) {
            faults.clear();
        }
        changes.publish("world.reset", subscriptionId == null ? Map.of("reason", "the emulator was reset")
                : Map.of("reason", "subscription " + subscriptionId + " was reset", "subscriptionId", subscriptionId));
    }

    public void reset() {
        reset(null);
    }

    private Map<String, Object> clockState() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now", clock.now().toString());
        m.put("mode", clock.mode().label());
        m.put("scale", clock.scale());
        return m;
    }

    private Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version());
        m.put("store", Map.of("kind", database.kind().label(), "location", database.location()));
        Map<String, Object> endpoints = new LinkedHashMap<>();
        endpoints.put("http", httpUrl());
        endpoints.put("https", httpsUrl());
        m.put("endpoints", endpoints);
        m.put("authMode", config.authMode().label());
        m.put("defaultTenantId", subscriptions.defaultTenantId());
        m.put("defaultSubscriptionId", subscriptions.defaultSubscriptionId());
        return m;
    }

    public static String version() {
        try (InputStream in = Emulator.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    public EmulatorConfig config() {
        return config;
    }

    public int httpPort() {
        return frontDoor.port();
    }

    /** {@code http://host:port}, no trailing slash. */
    public String httpUrl() {
        return "http://" + hostForUrl() + ":" + httpPort();
    }

    public int httpsPort() {
        return frontDoor.httpsPort();
    }

    /** {@code https://host:port}, no trailing slash. */
    public String httpsUrl() {
        return "https://" + hostForUrl() + ":" + httpsPort();
    }

    /** The default service principal of the fixtures: what {@code /_emulator/identity} hands out. */
    public ServicePrincipal defaultPrincipal() {
        return principals.defaultPrincipal();
    }

    /** The bearer token the control API wants, or null when the emulator listens on loopback only. */
    public String controlToken() {
        return controlToken;
    }

    /** The PEM a client must trust to call the HTTPS endpoint. */
    public String trustPem() {
        return tls.trustPem();
    }

    public VirtualClock clock() {
        return clock;
    }

    public EmulatorContext context() {
        return context;
    }

    /** The feed of state changes that {@code GET /_emulator/events} streams. */
    public ChangeFeed changes() {
        return changes;
    }

    public boolean isReady() {
        return ready.get();
    }

    /**
     * A data directory an emulator used before (it holds the certificates and the signing key made at
     * its first start) whose store is missing or empty lost its world: refused, naming the file,
     * unless {@code --start-fresh} says to begin an empty one there.
     */
    private static void checkStore(Path dir, boolean startFresh) {
        Path store = dir.resolve("emulator.mv.db");
        boolean usedBefore = Files.isDirectory(dir.resolve("tls")) || Files.isDirectory(dir.resolve("identity"));
        long size;
        try {
            size = Files.exists(store) ? Files.size(store) : -1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the store " + store + ": " + e.getMessage(), e);
        }
        if (!usedBefore || size > 0) {
            return;
        }
        String what = size < 0 ? "is missing" : "is empty";
        if (!startFresh) {
            throw new IllegalStateException("the data directory " + dir + " was used before (it holds tls/ and identity/), but its store "
                    + store + " " + what + ": restore that file, or start with --start-fresh (EMULATOR_START_FRESH=true) to begin an"
                    + " empty world there, keeping the certificates and the signing key");
        }
        try {
            Files.deleteIfExists(store);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove the empty store " + store + ": " + e.getMessage(), e);
        }
        LOG.warn("the store {} {}: starting an empty world there (--start-fresh)", store, what);
    }

    /** The names the emulator answers as, from its configuration: loopback, its certificate's names, its bind address. */
    private static List<String> ownHosts(EmulatorConfig config) {
        List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "localhost", "::1"));
        hosts.addAll(config.tlsHosts());
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) {
            hosts.add(config.host());
        }
        return hosts;
    }

    private String hostForUrl() {
        String h = config.host();
        return h.equals("0.0.0.0") ? "127.0.0.1" : h.contains(":") ? "[" + h + "]" : h;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        ready.set(false);
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        providers.forEach(Provider::close);
        changes.close(); // event streams end, so the server's stop does not wait for them
        frontDoor.close();
        try {
            clockStore.saveFinal(clock.nowMillis());
        } finally {
            database.close();
        }
    }
}
