package dev.amlaks.conformance.readme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The README's code blocks: {@code <!-- snippet: NAME -->} blocks (run as they are) and
 * {@code <!-- snippet-file: PATH[#TAG] -->} blocks (which must equal that file, or its tagged region).
 */
final class Readme {

    /** The ports the README's snippets name, which tests replace with the free ports of their emulator. */
    static final int HTTP_PORT = 8480;
    static final int HTTPS_PORT = 8443;

    record Block(String marker, String body) {
    }

    private final Path root;
    private final Map<String, Block> blocks = new LinkedHashMap<>();

    Readme(Path root) throws IOException {
        this.root = root;
        List<String> lines = Files.readAllLines(root.resolve("README.md"), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (!line.startsWith("<!-- snippet")) {
                continue;
            }
            String marker = line.substring("<!--".length(), line.length() - "-->".length()).trim();
            if (!lines.get(i + 1).trim().startsWith("```")) {
                throw new IllegalStateException("README " + marker + " is not followed by a code block");
            }
            List<String> body = new ArrayList<>();
            int j = i + 2;
            while (!lines.get(j).trim().startsWith("```")) {
                body.add(lines.get(j++));
            }
            blocks.put(marker, new Block(marker, String.join("\n", body) + "\n"));
        }
    }

    /** The repository's top directory. */
    Path root() {
        return root;
    }

    /** Every marker, in the README's order ({@code snippet: NAME}, {@code snippet-file: PATH}). */
    List<String> markers() {
        return List.copyOf(blocks.keySet());
    }

    /** A snippet with the README's ports 8480 and 8443 replaced by a test emulator's. */
    static String withPorts(String text, int http, int https) {
        return text.replaceAll("\\b" + HTTP_PORT + "\\b", Integer.toString(http)).replaceAll("\\b" + HTTPS_PORT + "\\b",
                Integer.toString(https));
    }

    /** The body of {@code <!-- snippet: NAME -->}. */
    String snippet(String name) {
        Block b = blocks.get("snippet: " + name);
        if (b == null) {
            throw new AssertionError("the README has no <!-- snippet: " + name + " --> block");
        }
        return b.body();
    }

    /** The body of {@code <!-- snippet-file: PATH -->} and what the file (or its tagged region) holds now. */
    String[] fileSnippet(String pathAndTag) throws IOException {
        Block b = blocks.get("snippet-file: " + pathAndTag);
        if (b == null) {
            throw new AssertionError("the README has no <!-- snippet-file: " + pathAndTag + " --> block");
        }
        String[] parts = pathAndTag.split("#", 2);
        String file = Files.readString(root.resolve(parts[0]), StandardCharsets.UTF_8);
        return new String[] {b.body(), parts.length == 1 ? file : region(file, parts[1])};
    }

    /** The lines between {@code // tag::TAG[]} and {@code // end::TAG[]}, with their common indentation removed. */
    static String region(String file, String tag) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String line : file.split("\n", -1)) {
            if (line.trim().equals("// end::" + tag + "[]")) {
                break;
            }
            if (in) {
                out.add(line);
            }
            if (line.trim().equals("// tag::" + tag + "[]")) {
                in = true;
            }
        }
        int indent = out.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : out) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }
}
