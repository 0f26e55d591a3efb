package dev.amlaks.conformance.readme;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.conformance.ClientProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A reader who clones the repository has only the repository: every Markdown link must point at a
 * file inside it that exists (web links aside), and no page may name a path that climbs out of it.
 */
class MarkdownLinksTest {

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    /** A relative path named in the text (not only in links) that climbs up: {@code ../x/y}, never the {@code .../x} of an ellipsis. */
    private static final Pattern CLIMB = Pattern.compile("(?<![\\w.])((?:\\.\\./)+[\\w.-]+(?:/[\\w.-]+)*)");

    static List<Path> markdownFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".md"))
                    .filter(p -> {
                        String rel = root.relativize(p).toString();
                        return !rel.startsWith(".git") && !rel.contains("node_modules") && !rel.contains("/target/")
                                && !rel.startsWith("target/");
                    })
                    .sorted().toList();
        }
    }

    /** What is wrong with the links of one page: missing targets and targets outside the repository. */
    static List<String> problems(Path root, Path page) throws IOException {
        List<String> out = new ArrayList<>();
        String text = Files.readString(page);
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String link = m.group(1);
            if (link.contains("://") || link.startsWith("mailto:") || link.startsWith("#")) {
                continue;
            }
            String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
            Path target = page.getParent().resolve(file).normalize();
            String where = root.relativize(page) + " -> " + link;
            if (!target.startsWith(root)) {
                out.add(where + " (outside the repository)");
            } else if (!Files.exists(target)) {
                out.add(where + " (no such file)");
            }
        }
        Matcher climb = CLIMB.matcher(text);
        while (climb.find()) {
            if (!page.getParent().resolve(climb.group(1)).normalize().startsWith(root)) {
                out.add(root.relativize(page) + " names " + climb.group(1) + ", which is outside the repository");
            }
        }
        return out;
    }

    @Test
    void every_link_of_every_markdown_page_stays_in_the_repository_and_finds_its_file() throws IOException {
        Path root = ClientProcess.moduleDir().getParent().toAbsolutePath().normalize();
        List<Path> pages = markdownFiles(root);
        assertThat(pages).extracting(p -> root.relativize(p).toString()).contains("README.md", "docs/rules.md", "docs/architecture.md");
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            problems.addAll(problems(root, page));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void the_check_itself_catches_a_missing_file_and_a_link_out_of_the_repository() throws IOException {
        Path root = Files.createTempDirectory("links-").toRealPath();
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/there.md"), "x");
        Path page = Files.writeString(root.resolve("README.md"), "[ok](docs/there.md#top) [web](https://example.com) [anchor](#a)"
                + " [gone](docs/missing.md) [out](../elsewhere/RULES.md) see ../notes/x.md; the .../subnets of a type is fine");
        Path inside = Files.writeString(root.resolve("docs/page.md"), "[up](../README.md), and ../README.md named in the text");
        assertThat(problems(root, page)).containsExactly("README.md -> docs/missing.md (no such file)",
                "README.md -> ../elsewhere/RULES.md (outside the repository)",
                "README.md names ../elsewhere/RULES.md, which is outside the repository",
                "README.md names ../notes/x.md, which is outside the repository");
        assertThat(problems(root, inside)).isEmpty();
    }
}
