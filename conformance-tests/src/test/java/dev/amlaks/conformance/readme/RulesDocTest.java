package dev.amlaks.conformance.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.conformance.ClientProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md lists, for each of the document's 27 rules, the test classes that cite it in a
 * display name that starts with the rule id and a colon; this keeps that column true as tests come and go.
 */
class RulesDocTest {

    static final List<String> RULES = List.of("L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "V1", "V2", "V3", "V4", "V5", "V6", "V7",
            "V8", "C1", "C2", "A1", "A2", "A3", "A4", "A5", "A6", "D1", "D2");

    private static final Pattern CITATION = Pattern.compile("@DisplayName\\(\"([A-Z]\\d+(?:,\\s*[A-Z]\\d+)*):");
    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z]\\d+) \\|.*\\| ([^|]*) \\|$");

    /** Rule id to the test classes whose {@code @DisplayName}s cite it, read from every test source of the repository. */
    static Map<String, TreeSet<String>> citations(Path root) throws IOException {
        Map<String, TreeSet<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/test/"))::iterator) {
                Matcher m = CITATION.matcher(Files.readString(f));
                String cls = f.getFileName().toString().replace(".java", "");
                while (m.find()) {
                    for (String id : m.group(1).split(",\\s*")) {
                        out.computeIfAbsent(id, k -> new TreeSet<>()).add(cls);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void every_rule_has_a_row_whose_tested_by_column_names_exactly_the_classes_that_cite_it() throws IOException {
        Path root = ClientProcess.moduleDir().getParent();
        Map<String, TreeSet<String>> documented = new TreeMap<>();
        for (String line : Files.readAllLines(root.resolve("docs/rules.md"))) {
            Matcher m = ROW.matcher(line.trim());
            if (m.matches()) {
                documented.put(m.group(1), new TreeSet<>(Arrays.asList(m.group(2).trim().split(",\\s*"))));
            }
        }
        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(RULES);
        Map<String, TreeSet<String>> cited = citations(root);
        List<String> wrong = new ArrayList<>();
        for (String id : RULES) {
            TreeSet<String> actual = cited.getOrDefault(id, new TreeSet<>());
            if (actual.isEmpty()) {
                wrong.add(id + ": no test cites it");
            } else if (!actual.equals(documented.get(id))) {
                wrong.add(id + ": docs/rules.md says " + documented.get(id) + ", the tests citing it are " + String.join(", ", actual));
            }
        }
        assertThat(wrong).isEmpty();
    }
}
