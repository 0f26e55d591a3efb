package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.KubernetesVersionsFixture;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Kubernetes versions AKS offered on one date: the default, previews, upgrade paths, support plans. */
public final class KubernetesCatalog {

    /** One offered version, {@code major.minor.patch}. */
    public record Version(String version, boolean isDefault, boolean preview, List<String> upgrades, List<String> supportPlan) {

        public String minor() {
            return minorOf(version);
        }
    }

    /** A {@code major.minor} line and its patches, as the kubernetesVersions API groups them. */
    public record Minor(String version, boolean isDefault, boolean preview, List<String> supportPlan, List<Version> patches) {
    }

    private final LocalDate date;
    private final String source;
    private final String nodeImage;
    private final String azureMlLoadBalancerSku;
    private final List<Version> versions;
    private final Version defaultVersion;

    public KubernetesCatalog(KubernetesVersionsFixture.Catalog c) {
        this.date = LocalDate.parse(c.date());
        this.source = c.source();
        this.nodeImage = c.nodeImage();
        this.azureMlLoadBalancerSku = c.azureMachineLearningLoadBalancerSku() == null ? "standard"
                : c.azureMachineLearningLoadBalancerSku().toLowerCase(java.util.Locale.ROOT);
        List<Version> vs = new ArrayList<>();
        for (KubernetesVersionsFixture.Version v : c.versions()) {
            vs.add(new Version(v.version(), v.isDefault(), v.preview(), List.copyOf(v.upgrades()),
                    v.supportPlan() == null || v.supportPlan().isEmpty() ? List.of("KubernetesOfficial") : List.copyOf(v.supportPlan())));
        }
        vs.sort(Comparator.comparing(Version::version, KubernetesCatalog::compare));
        this.versions = List.copyOf(vs);
        List<Version> defaults = versions.stream().filter(Version::isDefault).toList();
        if (defaults.size() != 1) {
            throw new IllegalStateException("kubernetes-versions.json: the catalog of " + c.date() + " must have exactly one default version");
        }
        this.defaultVersion = defaults.get(0);
        for (Version v : versions) {
            for (String u : v.upgrades()) {
                if (find(u).isEmpty()) {
                    throw new IllegalStateException("kubernetes-versions.json: " + c.date() + " lists upgrade " + u + " of " + v.version()
                            + ", which it does not offer");
                }
            }
        }
    }

    public LocalDate date() {
        return date;
    }

    public String source() {
        return source;
    }

    /** The node image version pools get in this era. */
    public String nodeImage() {
        return nodeImage;
    }

    /** L1: the load balancer SKU a cluster Azure ML creates gets in this catalog's era ({@code basic} in 2020). */
    public String azureMlLoadBalancerSku() {
        return azureMlLoadBalancerSku;
    }

    /** Every version, oldest first. */
    public List<Version> versions() {
        return versions;
    }

    public Version defaultVersion() {
        return defaultVersion;
    }

    public Optional<Version> find(String version) {
        return versions.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /**
     * What a requested version means: empty is the default; {@code major.minor} is that line's newest
     * patch (its newest stable one when it has any); {@code major.minor.patch} is itself.
     */
    public Optional<Version> resolve(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.of(defaultVersion);
        }
        String r = requested.trim();
        if (r.chars().filter(ch -> ch == '.').count() == 1) {
            List<Version> line = versions.stream().filter(v -> v.minor().equals(r)).toList();
            if (line.isEmpty()) {
                return Optional.empty();
            }
            return line.stream().filter(v -> !v.preview()).reduce((a, b) -> b).or(() -> Optional.of(line.get(line.size() - 1)));
        }
        return find(r);
    }

    /** The versions grouped by {@code major.minor}, newest line first (the kubernetesVersions API's order). */
    public List<Minor> minors() {
        Map<String, List<Version>> byMinor = new LinkedHashMap<>();
        for (Version v : versions) {
            byMinor.computeIfAbsent(v.minor(), k -> new ArrayList<>()).add(v);
        }
        List<Minor> out = new ArrayList<>();
        byMinor.forEach((minor, patches) -> out.add(new Minor(minor, patches.stream().anyMatch(Version::isDefault),
                patches.stream().allMatch(Version::preview), patches.get(patches.size() - 1).supportPlan(), List.copyOf(patches))));
        out.sort(Comparator.comparing(Minor::version, KubernetesCatalog::compare).reversed());
        return out;
    }

    public static String minorOf(String version) {
        String[] p = version.split("\\.");
        return p.length < 2 ? version : p[0] + "." + p[1];
    }

    /** Numeric comparison of dotted versions: 1.16.13 after 1.16.9. */
    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parse(x[i]) : 0;
            int yi = i < y.length ? parse(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static int parse(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
