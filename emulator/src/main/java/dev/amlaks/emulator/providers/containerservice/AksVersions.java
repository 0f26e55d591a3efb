package dev.amlaks.emulator.providers.containerservice;

import dev.amlaks.emulator.catalog.KubernetesCatalog;
import java.util.ArrayList;
import java.util.List;

/** AKS's version rules over the catalog in force: what a request resolves to, upgrade paths, node pool skew. */
final class AksVersions {

    private AksVersions() {
    }

    /** The full version a request means, or AKS's "not supported in this region". */
    static String resolve(KubernetesCatalog catalog, String requested) {
        return catalog.resolve(requested).map(KubernetesCatalog.Version::version)
                .orElseThrow(() -> AksErrors.versionNotSupported(requested));
    }

    /**
     * The upgrades of {@code current}: the catalog's list when it still offers {@code current}; otherwise
     * (the catalog moved on) every newer offered version of the same or the next minor.
     */
    static List<KubernetesCatalog.Version> upgrades(KubernetesCatalog catalog, String current) {
        var listed = catalog.find(current);
        if (listed.isPresent()) {
            List<KubernetesCatalog.Version> out = new ArrayList<>();
            for (String u : listed.get().upgrades()) {
                catalog.find(u).ifPresent(out::add);
            }
            return out;
        }
        int minor = minor(current);
        return catalog.versions().stream()
                .filter(v -> KubernetesCatalog.compare(v.version(), current) > 0 && (minor(v.version()) == minor || minor(v.version()) == minor + 1))
                .toList();
    }

    /** The control plane's move from {@code current} to {@code target}: no downgrade, only listed upgrades. */
    static void checkControlPlaneUpgrade(KubernetesCatalog catalog, String current, String target) {
        if (current.equals(target)) {
            return;
        }
        List<String> available = upgrades(catalog, current).stream().map(KubernetesCatalog.Version::version).toList();
        if (KubernetesCatalog.compare(target, current) < 0) {
            throw AksErrors.downgradeNotAllowed(current, target, available);
        }
        if (!available.contains(target)) {
            throw AksErrors.upgradeNotAllowed(current, target, available);
        }
    }

    /**
     * A node pool's version against the control plane's: not newer, not more minors behind than the
     * skew policy allows (3 from Kubernetes 1.28, 2 before).
     */
    static void checkPoolSkew(String pool, String control) {
        if (minor(pool) > minor(control) || major(pool) != major(control)) {
            throw AksErrors.poolNewerThanControlPlane(pool, control);
        }
        int maxBehind = minor(control) >= 28 ? 3 : 2;
        if (minor(control) - minor(pool) > maxBehind) {
            throw AksErrors.poolTooFarBehind(pool, control, maxBehind);
        }
    }

    /** A node pool's own upgrade: forward only, one minor at a time. */
    static void checkPoolUpgrade(String current, String target) {
        if (KubernetesCatalog.compare(target, current) < 0) {
            throw AksErrors.invalidParameter("orchestratorVersion", "downgrading agent pool version " + current + " to " + target
                    + " is not allowed");
        }
        if (minor(target) - minor(current) > 1) {
            throw AksErrors.poolUpgradeSkipsMinor(current, target);
        }
    }

    static int minor(String version) {
        String[] p = version.split("\\.");
        return p.length > 1 ? Integer.parseInt(p[1]) : 0;
    }

    static int major(String version) {
        return Integer.parseInt(version.split("\\.")[0]);
    }
}
