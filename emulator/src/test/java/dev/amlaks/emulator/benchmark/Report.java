package dev.amlaks.emulator.benchmark;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmark's figures: printed as a table, written as JSON and Markdown; answers not expected are tallied apart. */
final class Report {

    /** A target: its wording, and whether a value (with the floor's, when there is one) meets it. */
    record Target(String text, Check check) {
        @FunctionalInterface
        interface Check {
            boolean met(double value, Double floor);
        }
    }

    record Figure(String key, String label, String unit, double value, Double floor, Target target) {
        Double ratio() {
            return floor == null || floor == 0 ? null : value / floor;
        }

        Boolean met() {
            return target == null || Double.isNaN(value) ? null : target.check().met(value, floor);
        }
    }

    private final List<Figure> figures = new ArrayList<>();
    private final List<String> flags;
    private final boolean smoke;
    private long unexpected;
    private final List<String> examples = new ArrayList<>();

    Report(List<String> flags, boolean smoke) {
        this.flags = flags;
        this.smoke = smoke;
    }

    static Target atMost(double limit) {
        return new Target("≤ " + fmt(limit), (v, f) -> v <= limit);
    }

    static Target atLeast(double limit) {
        return new Target("≥ " + fmt(limit), (v, f) -> v >= limit);
    }

    static Target atLeastRatio(double ratio) {
        return new Target("≥ " + fmt(ratio) + "× the floor", (v, f) -> f != null && v >= ratio * f);
    }

    static Target atMostTimes(double times, double reference) {
        return new Target("≤ " + fmt(times) + "× the smallest size's (" + fmt(reference) + ")", (v, f) -> v <= times * reference);
    }

    void figure(String key, String label, String unit, double value, Double floor, Target target) {
        Figure fig = new Figure(key, label, unit, value, floor, target);
        figures.add(fig);
        System.out.println("benchmark:   " + label + ": " + fmt(value) + " " + unit + (floor == null ? "" : " (floor " + fmt(floor) + ")"));
    }

    List<Figure> figures() {
        return figures;
    }

    void unexpected(Client c) {
        unexpected += c.unexpected();
        for (String e : c.examples()) {
            if (examples.size() < 10 && !examples.contains(e)) {
                examples.add(e);
            }
        }
    }

    void unexpected(Benchmark.Load... loads) {
        for (Benchmark.Load l : loads) {
            unexpected += l.unexpected();
        }
    }

    long unexpected() {
        return unexpected;
    }

    void write(Path dir) throws IOException {
        String table = table();
        System.out.println();
        System.out.print(table);
        Files.writeString(dir.resolve("benchmark.md"), table);
        ObjectNode root = Client.JSON.createObjectNode();
        root.put("when", Instant.now().toString());
        root.put("smoke", smoke);
        root.put("cores", Runtime.getRuntime().availableProcessors());
        root.put("java", System.getProperty("java.version"));
        root.putPOJO("jvmFlags", flags);
        root.put("unexpectedAnswers", unexpected);
        root.putPOJO("unexpectedExamples", examples);
        ArrayNode fs = root.putArray("figures");
        for (Figure f : figures) {
            ObjectNode n = fs.addObject();
            n.put("key", f.key());
            n.put("label", f.label());
            n.put("unit", f.unit());
            n.put("value", f.value());
            if (f.floor() != null) {
                n.put("floor", f.floor());
                n.put("ratioToFloor", f.ratio());
            }
            if (f.target() != null) {
                n.put("target", f.target().text());
                n.put("met", f.met());
            }
        }
        Files.writeString(dir.resolve("benchmark.json"),
                Client.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
        System.out.println("benchmark: written to " + dir.toAbsolutePath().resolve("benchmark.json") + " and benchmark.md");
        if (unexpected > 0) {
            System.out.println("benchmark: FAILED: " + unexpected + " answers the workloads did not expect, for example:");
            examples.forEach(e -> System.out.println("  " + e));
        }
    }

    String table() {
        StringBuilder b = new StringBuilder();
        b.append("JVM flags: ").append(flags.isEmpty() ? "(none)" : String.join(" ", flags)).append(smoke ? "; smoke run" : "")
                .append("; answers not expected: ").append(unexpected).append("\n\n");
        b.append("| figure | floor | emulator | ratio | target | met |\n|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            b.append("| ").append(f.label()).append(" | ")
                    .append(f.floor() == null ? "" : fmt(f.floor()) + " " + f.unit()).append(" | ")
                    .append(fmt(f.value())).append(' ').append(f.unit()).append(" | ")
                    .append(f.ratio() == null ? "" : fmt(f.ratio()) + "×").append(" | ")
                    .append(f.target() == null ? "" : f.target().text()).append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "yes" : "**no**").append(" |\n");
        }
        return b.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
