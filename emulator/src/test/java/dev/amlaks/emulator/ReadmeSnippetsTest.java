package dev.amlaks.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testing.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every README block marked {@code <!-- snippet: curl-NAME -->} runs against a live emulator, so the
 * README cannot rot (the real-client snippets are run by the conformance tests).
 */
class ReadmeSnippetsTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final Path README = Path.of("..", "README.md");

    static Map<String, String> snippets() throws IOException {
        List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("<!-- snippet: curl-")) {
                continue;
            }
            String name = line.substring("<!-- snippet:".length(), line.length() - "-->".length()).trim();
            int open = i + 1;
            if (!lines.get(open).trim().startsWith("```")) {
                throw new IllegalStateException("README snippet " + name + " is not followed by a code block");
            }
            List<String> body = new ArrayList<>();
            int j = open + 1;
            while (!lines.get(j).trim().startsWith("```")) {
                body.add(lines.get(j++));
            }
            out.put(name, String.join("\n", body));
        }
        return out;
    }

    @Test
    void the_readme_has_snippets() throws IOException {
        assertThat(snippets()).containsKeys("curl-resource-group", "curl-long-running-delete", "curl-seed-walkthrough");
    }

    @TestFactory
    Stream<DynamicTest> each_snippet_runs_against_the_emulator() throws IOException {
        return snippets().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            Tools.requireCommand("curl", "install it (apt-get install -y curl) to run the README's curl snippets");
            String script = "set -euo pipefail\n" + e.getValue().replace("http://127.0.0.1:8480", EMULATOR.url());
            Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("snippet finished").isTrue();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as("exit code of snippet %s, output:%n%s", e.getKey(), output).isZero();
        }));
    }
}
