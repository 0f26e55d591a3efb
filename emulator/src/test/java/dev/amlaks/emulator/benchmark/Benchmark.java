package dev.amlaks.emulator.benchmark;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark: the packaged jar started as the README's run command starts it (its JVM flags
 * are read from the README), on loopback, a file store and a manual clock, loaded from other
 * processes (wrk, and this one for the workloads that need a client's logic), beside the floor, a
 * bare Javalin route on the same flags; a table on standard output and JSON plus Markdown in the
 * output directory. {@code --smoke} runs every workload for a moment, to prove the benchmark works.
 *
 * <p>Exit status 1 when any answer was not the one the workload expected; a target missed is
 * reported, not failed: figures on a shared machine vary, and targets are for people to read.
 */
public final class Benchmark {

    private static final Pattern RUN_COMMAND = Pattern.compile("^mvn -q -DskipTests package && java (.*?)-jar emulator/target/aml-aks-emulator\\.jar\\s*$",
            Pattern.MULTILINE);

    private final Options o;
    private final List<String> flags;
    private final Report report;
    private final Path work;

    record Options(Path jar, Path classes, Path out, Path readme, boolean smoke, int groups) {
        Options(Path jar, Path classes, Path out, Path readme, boolean smoke) {
            this(jar, classes, out, readme, smoke, smoke ? 1000 : 100_000);
        }

        int starts() {
            return smoke ? 1 : 5;
        }

        double round() {
            return smoke ? 1 : 5;
        }

        /** Rounds of each alternated measurement. */
        int rounds() {
            return smoke ? 1 : 2;
        }

        /** The list sizes: the largest, a tenth of it, a hundredth (a third, in the smoke run). */
        int[] sizes() {
            return smoke ? new int[] {groups / 10, groups * 3 / 10, groups} : new int[] {groups / 100, groups / 10, groups};
        }

        int lifecycleClients() {
            return smoke ? 4 : 16;
        }

        double lifecycleSeconds() {
            return smoke ? 3 : 60;
        }
    }

    private Benchmark(Options o) throws IOException {
        this.o = o;
        this.flags = runFlags(o.readme());
        this.report = new Report(flags, o.smoke());
        this.work = Files.createTempDirectory("aml-aks-benchmark");
    }

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        if (!Wrk.available()) {
            System.err.println("benchmark: wrk is not installed (Debian: apt-get install -y wrk); it loads the servers from a second process");
            System.exit(2);
        }
        Report r = run(o);
        System.exit(r.unexpected() == 0 ? 0 : 1);
    }

    /** Runs every workload with {@code o} and writes the report; the figures are returned. */
    static Report run(Options o) throws Exception {
        Benchmark b = new Benchmark(o);
        try {
            return b.measureAll();
        } finally {
            b.deleteWork();
        }
    }

    private void deleteWork() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static Options parse(String[] args) {
        Path jar = Path.of("target/aml-aks-emulator.jar");
        Path classes = Path.of("target/test-classes");
        Path out = Path.of("target/benchmark");
        Path readme = Path.of("../README.md");
        boolean smoke = false;
        Integer groups = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[++i]);
                case "--classes" -> classes = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                case "--smoke" -> smoke = true;
                case "--full" -> smoke = false;
                case "--groups" -> groups = Integer.valueOf(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; valid: --jar FILE, --classes DIR, --out DIR, --readme FILE, --smoke, --full, --groups N");
            }
        }
        Options o = new Options(jar, classes, out, readme, smoke);
        return groups == null ? o : new Options(jar, classes, out, readme, smoke, groups);
    }

    /** The JVM flags of the README's run command: what users run is what is measured. */
    static List<String> runFlags(Path readme) throws IOException {
        Matcher m = RUN_COMMAND.matcher(Files.readString(readme));
        if (!m.find()) {
            throw new IllegalStateException(readme + " has no run command line 'mvn -q -DskipTests package && java [flags] -jar "
                    + "emulator/target/aml-aks-emulator.jar'");
        }
        String f = m.group(1).trim();
        Path root = readme.toAbsolutePath().getParent();
        List<String> flags = new ArrayList<>();
        for (String flag : f.isEmpty() ? new String[0] : f.split("\\s+")) {
            // a file the command names from the repository's root (the class-data-sharing archive)
            int eq = flag.indexOf('=');
            String value = eq < 0 ? "" : flag.substring(eq + 1);
            flags.add(value.startsWith("emulator/") ? flag.substring(0, eq + 1) + root.resolve(value) : flag);
        }
        return flags;
    }

    private Report measureAll() throws Exception {
        Files.createDirectories(o.out());
        Path existing = work.resolve("existing");
        int[] ports = {freePort(), freePort()};
        String base = "http://127.0.0.1:" + ports[0];
        Path body = work.resolve("cluster.json");

        // A data directory with a cluster in it (what "existing" starts open), and the cluster's bytes for the floor.
        step("preparing a data directory");
        try (Jvm e = emulator(ports, "--data-dir", existing.toString(), "--start-fresh")) {
            Client c = new Client(base, 4);
            Workloads.roomForClusters(c);
            c.call("PUT", Workloads.group("bench") + "?api-version=" + Workloads.RG_API, "{\"location\":\"eastus\"}", 201);
            c.settle(c.call("PUT", Workloads.cluster("bench", "bench") + "?api-version=" + Workloads.AKS_API,
                    Workloads.clusterBody("bench", 3, "Standard_D3_v2"), 201), 600);
            Files.writeString(body, c.call("GET", Workloads.cluster("bench", "bench") + "?api-version=" + Workloads.AKS_API, null, 200)
                    .raw().body());
            report.unexpected(c);
            e.stop();
        }

        starts(ports, existing, body);
        running(ports, existing, body);

        report.figure("jar", "runnable jar size", "MB", Files.size(o.jar()) / 1e6, null, null);
        report.write(o.out());
        return report;
    }

    /** Start to the first 200 of health, each kind alternated with the others so drift touches all alike; resident memory 1 s after. */
    private void starts(int[] ports, Path existing, Path body) throws Exception {
        List<Double> floor = new ArrayList<>();
        List<Double> floorRss = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> warmRss = new ArrayList<>();
        List<Double> fresh = new ArrayList<>();
        List<Double> memory = new ArrayList<>();
        for (int i = 0; i < o.starts(); i++) {
            step("start " + (i + 1) + " of " + o.starts());
            try (Jvm f = floor(ports[1], body)) {
                floor.add(f.startSeconds());
                Thread.sleep(1000);
                floorRss.add(f.rssMb());
                f.stop();
            }
            try (Jvm e = emulator(ports, "--data-dir", existing.toString())) {
                warm.add(e.startSeconds());
                Thread.sleep(1000);
                warmRss.add(e.rssMb());
                e.stop();
            }
            try (Jvm e = emulator(ports, "--data-dir", work.resolve("fresh-" + i).toString(), "--start-fresh")) {
                fresh.add(e.startSeconds());
                e.stop();
            }
            try (Jvm e = emulator(ports, "--in-memory")) {
                memory.add(e.startSeconds());
                e.stop();
            }
        }
        report.figure("start.existing", "start to first 200 of health, existing data directory (median)", "s", median(warm),
                median(floor), Report.atMost(1.0));
        report.figure("start.fresh", "start, fresh data directory: CA, keys, schema (median)", "s", median(fresh), median(floor),
                Report.atMost(1.5));
        report.figure("start.memory", "start, --in-memory (median)", "s", median(memory), median(floor), Report.atMost(1.0));
        report.figure("rss.start", "resident memory 1 s after start", "MB", median(warmRss), median(floorRss), Report.atMost(150));
    }

    /** Everything measured on one long-running emulator, beside one floor. */
    private void running(int[] ports, Path existing, Path body) throws Exception {
        String base = "http://127.0.0.1:" + ports[0];
        try (Jvm e = emulator(ports, "--data-dir", existing.toString()); Jvm f = floor(ports[1], body)) {
            Client c = new Client(base, Math.max(8, o.lifecycleClients()));
            step("setting up a workspace and an attached compute");
            String ws = Workloads.workspace(c, "bench", "benchws");
            String compute = ws + "/computes/benchaks?api-version=" + Workloads.ML_API;
            String clusterId = c.call("GET", Workloads.cluster("bench", "bench") + "?api-version=" + Workloads.AKS_API, null, 200)
                    .body().path("id").asText();
            c.settle(c.call("PUT", compute, "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"AKS\",\"resourceId\":\""
                    + clusterId + "\"}}", 201), 600);
            Client.Answer op = c.call("PUT", Workloads.cluster("bench", "polled") + "?api-version=" + Workloads.AKS_API,
                    Workloads.clusterBody("polled", 1, "Standard_D2_v2"), 201);
            String status = op.header("Azure-AsyncOperation");

            String clusterUrl = base + Workloads.cluster("bench", "bench") + "?api-version=" + Workloads.AKS_API;
            String floorUrl = f.base() + Workloads.cluster("bench", "bench") + "?api-version=" + Workloads.AKS_API;
            if (!o.smoke()) {
                step("warming up");
                Wrk.get(floorUrl, 16, o.round());
                Wrk.get(clusterUrl, 16, o.round());
                Wrk.get(base + compute, 16, o.round());
            }

            step("GET, 16 connections, alternated with the floor");
            Load floorLoad = new Load(f);
            Load clusterLoad = new Load(e);
            for (int r = 0; r < o.rounds(); r++) {
                floorLoad.measure(() -> Wrk.get(floorUrl, 16, o.round()));
                clusterLoad.measure(() -> Wrk.get(clusterUrl, 16, o.round()));
            }
            Load computeLoad = new Load(e);
            Load pollLoad = new Load(e);
            for (int r = 0; r < o.rounds(); r++) {
                computeLoad.measure(() -> Wrk.get(base + compute, 16, o.round()));
                pollLoad.measure(() -> Wrk.get(status, 16, o.round()));
            }
            step("GET, one connection, alternated with the floor");
            Load floorOne = new Load(f);
            Load clusterOne = new Load(e);
            for (int r = 0; r < o.rounds(); r++) {
                floorOne.measure(() -> Wrk.get(floorUrl, 1, o.round()));
                clusterOne.measure(() -> Wrk.get(clusterUrl, 1, o.round()));
            }
            double floorRate = floorLoad.perSecond();
            report.figure("get.cluster", "managed-cluster GET, 16 connections", "/s", clusterLoad.perSecond(), floorRate,
                    Report.atLeastRatio(0.8));
            report.figure("get.compute", "AKS compute GET, 16 connections", "/s", computeLoad.perSecond(), floorRate, null);
            report.figure("get.operation", "operation-status poll, 16 connections", "/s", pollLoad.perSecond(), floorRate, null);
            report.figure("cpu.get", "server CPU per managed-cluster GET", "µs", clusterLoad.cpuMicrosPerRequest(),
                    floorLoad.cpuMicrosPerRequest(), Report.atMost(35));
            report.figure("latency.p50", "unloaded managed-cluster GET latency, median", "ms", clusterOne.p50(), floorOne.p50(),
                    Report.atMost(0.1));
            report.figure("latency.p99", "unloaded managed-cluster GET latency, p99", "ms", clusterOne.p99(), floorOne.p99(),
                    Report.atMost(1.0));
            report.figure("rss.load", "resident memory after the GET load", "MB", e.rssMb(), f.rssMb(), Report.atMost(300));
            report.unexpected(floorLoad, clusterLoad, computeLoad, pollLoad, floorOne, clusterOne);

            long resources = lists(c, e, base, existing);

            step("synchronous PUT, one connection");
            Load put = new Load(e);
            put.measure(() -> Wrk.putGroups(base + Workloads.SUB_PATH, "put", Workloads.RG_API, 1, 2 * o.round()));
            report.figure("put.sync", "synchronous PUT of a resource group, one client", "/s", put.perSecond(), floorRate,
                    Report.atLeast(5000));
            report.unexpected(put);
            resources += put.requests();

            step("cluster creates settled by the clock");
            long creates = 0;
            long t0 = System.nanoTime();
            long until = t0 + (long) (2 * o.round() * 1e9);
            while (System.nanoTime() < until) {
                String name = "made" + creates;
                c.settle(c.call("PUT", Workloads.cluster("bench", name) + "?api-version=" + Workloads.AKS_API,
                        Workloads.clusterBody(name, 1, "Standard_D2_v2"), 201), 600);
                creates++;
            }
            report.figure("put.cluster", "cluster PUT create, its operation settled by the clock, one client", "/s",
                    creates / ((System.nanoTime() - t0) / 1e9), floorRate, null);
            resources += creates;

            resources += lifecycle(c, base);
            report.unexpected(c);

            step("kill -9");
            double running = directoryBytes(existing);
            e.kill();
            double killed = directoryBytes(existing);
            report.figure("disk.end", "data directory per resource at the end, while running (" + resources + " resources)", "KB",
                    running / resources / 1024, null, Report.atMost(5));
            report.figure("disk.killed", "data directory per resource after kill -9", "KB", killed / resources / 1024, null,
                    Report.atMost(5));
            f.stop();
        }
    }

    /** Lists at each size: the first page and a page nine tenths in; memory and disk at the largest. Returns the resources made. */
    private long lists(Client c, Jvm e, String base, Path dir) throws Exception {
        int[] sizes = o.sizes();
        int made = 0;
        double firstSmall = 0;
        double deepSmall = 0;
        for (int s : sizes) {
            step("filling the store to " + s + " resource groups");
            Workloads.groups(c, "fill", made, s, 4);
            made = s;
            String first = base + Workloads.SUB_PATH + "/resourcegroups?api-version=" + Workloads.RG_API;
            String deep = first;
            int seen = 0;
            while (seen < s * 9 / 10) {
                Client.Answer page = c.call("GET", deep, null, 200);
                seen += page.body().path("value").size();
                String next = page.body().path("nextLink").asText(null);
                if (next == null || page.body().path("value").isEmpty()) {
                    c.miss("the resource-group list ended after " + seen + " of " + s);
                    break;
                }
                deep = next;
            }
            Load firstPage = new Load(e);
            firstPage.measure(() -> Wrk.get(first, 1, o.round()));
            Load deepPage = new Load(e);
            String deepUrl = deep;
            deepPage.measure(() -> Wrk.get(deepUrl, 1, o.round()));
            report.unexpected(firstPage, deepPage);
            if (s == sizes[0]) {
                firstSmall = firstPage.p50();
                deepSmall = deepPage.p50();
            }
            report.figure("list.first." + s, "resource-group list, first page, " + s + " groups, median", "ms", firstPage.p50(), null,
                    s == sizes[0] ? null : Report.atMostTimes(2, firstSmall));
            report.figure("list.deep." + s, "resource-group list, a page nine tenths in, " + s + " groups, median", "ms", deepPage.p50(),
                    null, s == sizes[0] ? null : Report.atMostTimes(2, deepSmall));
        }
        int largest = sizes[sizes.length - 1];
        report.figure("rss.many", "resident memory with " + largest + " resource groups", "MB", e.rssMb(), null, Report.atMost(300));
        report.figure("disk.many", "data directory per resource group with " + largest + ", while running", "KB",
                directoryBytes(dir) / largest / 1024, null, Report.atMost(5));
        return largest;
    }

    /** The seed's lifecycle by concurrent clients, each in its own resource group; returns the resources it leaves. */
    private long lifecycle(Client c, String base) throws Exception {
        int clients = o.lifecycleClients();
        step("the seed's lifecycle, " + clients + " clients for " + o.lifecycleSeconds() + " s");
        long callsBefore = c.calls();
        java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
        long t0 = System.nanoTime();
        long until = t0 + (long) (o.lifecycleSeconds() * 1e9);
        Workloads.runAll(clients, () -> {
            int id = ids.getAndIncrement();
            String group = "lifecycle" + id;
            c.call("PUT", Workloads.group(group) + "?api-version=" + Workloads.RG_API, "{\"location\":\"eastus\"}", 201);
            for (long r = 0; System.nanoTime() < until; r++) {
                Workloads.lifecycle(c, group, id, r);
                rounds.incrementAndGet();
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        report.figure("lifecycle.rounds", "seed lifecycles (workspace to delete) by " + clients + " clients", "/s", rounds.get() / seconds,
                null, null);
        report.figure("lifecycle.calls", "ARM and control calls of those lifecycles", "/s", (c.calls() - callsBefore) / seconds, null,
                null);
        // each round leaves its workspace's storage account, key vault and Application Insights
        return clients + rounds.get() * 3;
    }

    private Jvm emulator(int[] ports, String... args) throws IOException, InterruptedException {
        List<String> a = new ArrayList<>(List.of("-jar", o.jar().toString(), "--host", "127.0.0.1", "--http-port",
                Integer.toString(ports[0]), "--https-port", Integer.toString(freePort()),
                "--clock", "manual", "--catalog-date", LocalDate.now().toString()));
        a.addAll(List.of(args));
        return Jvm.start(flags, a, "http://127.0.0.1:" + ports[0], "/_emulator/health");
    }

    private Jvm floor(int port, Path body) throws IOException, InterruptedException {
        String cp = o.jar() + java.io.File.pathSeparator + o.classes();
        List<String> a = List.of("-cp", cp, Floor.class.getName(), Integer.toString(port), body.toString());
        return Jvm.start(flags, a, "http://127.0.0.1:" + port, "/health");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static double directoryBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static void step(String what) {
        System.out.println("benchmark: " + what);
    }

    /** wrk runs against one server, with the server's CPU time over them. */
    static final class Load {
        private final Jvm server;
        private final List<Wrk.Result> runs = new ArrayList<>();
        private double cpu;

        Load(Jvm server) {
            this.server = server;
        }

        /** Runs wrk through {@code run}, adding the server's CPU time it took. */
        Load measure(WrkRun run) throws Exception {
            double before = server.cpuSeconds();
            runs.add(run.run());
            cpu += server.cpuSeconds() - before;
            return this;
        }

        long requests() {
            return runs.stream().mapToLong(Wrk.Result::requests).sum();
        }

        double perSecond() {
            return requests() / runs.stream().mapToDouble(Wrk.Result::seconds).sum();
        }

        double p50() {
            return runs.stream().mapToDouble(Wrk.Result::p50Ms).average().orElse(Double.NaN);
        }

        double p99() {
            return runs.stream().mapToDouble(Wrk.Result::p99Ms).average().orElse(Double.NaN);
        }

        double cpuMicrosPerRequest() {
            return cpu / requests() * 1e6;
        }

        long unexpected() {
            return runs.stream().mapToLong(Wrk.Result::unexpected).sum();
        }

        @FunctionalInterface
        interface WrkRun {
            Wrk.Result run() throws Exception;
        }
    }
}
