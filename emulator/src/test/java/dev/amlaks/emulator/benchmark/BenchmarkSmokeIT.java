package dev.amlaks.emulator.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.testing.Tools;
import dev.amlaks.emulator.testsupport.JarProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's smoke run, against the jar the build packaged: every workload for a moment,
 * to prove the benchmark works (the full run is for people: see the README). Figures are not
 * judged here; only that each was measured and that every answer was the one expected.
 */
class BenchmarkSmokeIT {

    @TempDir
    Path out;

    @Test
    void every_workload_runs_and_gets_only_the_answers_it_expects() throws Exception {
        Tools.requireCommand("wrk", "apt-get install -y wrk (the benchmark loads the emulator with it)");
        Benchmark.Options o = new Benchmark.Options(JarProcess.jar(), Path.of("target/test-classes"), out, Path.of("../README.md"), true);
        Report r = Benchmark.run(o);

        assertThat(r.unexpected()).as("answers the workloads did not expect").isZero();
        JsonNode json = Client.JSON.readTree(out.resolve("benchmark.json").toFile());
        assertThat(json.path("unexpectedAnswers").asLong()).isZero();
        assertThat(json.path("jvmFlags").isArray()).isTrue();
        List<String> keys = new ArrayList<>();
        for (JsonNode f : json.path("figures")) {
            keys.add(f.path("key").asText());
            assertThat(f.path("value").asDouble()).as(f.path("label").asText()).isPositive().isFinite();
            if (f.has("floor")) {
                assertThat(f.path("ratioToFloor").asDouble()).as(f.path("label").asText()).isPositive();
            }
        }
        assertThat(keys).contains("start.existing", "start.fresh", "start.memory", "rss.start", "get.cluster", "get.compute",
                "get.operation", "cpu.get", "latency.p50", "latency.p99", "rss.load", "list.first.100", "list.deep.1000",
                "rss.many", "disk.many", "put.sync", "put.cluster", "lifecycle.rounds", "lifecycle.calls", "disk.end", "disk.killed", "jar");
        assertThat(out.resolve("benchmark.md")).content().contains("| figure | floor | emulator | ratio | target | met |");
    }
}
