package dev.amlaks.emulator.catalog;

import dev.amlaks.emulator.fixtures.KubernetesVersionsFixture;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Which Kubernetes catalog is in force: the newest one not dated after the virtual clock's date
 * (so moving the clock moves the default version, V2), or the one a date is pinned to
 * ({@code --catalog-date}, or the control API).
 */
public final class KubernetesVersions {

    private final List<KubernetesCatalog> catalogs;
    private final Supplier<Instant> now;
    private volatile LocalDate pinned;

    public KubernetesVersions(KubernetesVersionsFixture fixture, Supplier<Instant> now, LocalDate pinned) {
        List<KubernetesCatalog> cs = new ArrayList<>();
        for (KubernetesVersionsFixture.Catalog c : fixture.catalogs()) {
            cs.add(new KubernetesCatalog(c));
        }
        if (cs.isEmpty()) {
            throw new IllegalStateException("kubernetes-versions.json lists no catalog");
        }
        cs.sort(Comparator.comparing(KubernetesCatalog::date));
        this.catalogs = List.copyOf(cs);
        this.now = now;
        this.pinned = pinned;
    }

    /** The catalog in force now. */
    public KubernetesCatalog current() {
        return at(pinned != null ? pinned : LocalDate.ofInstant(now.get(), ZoneOffset.UTC));
    }

    /** The newest catalog dated on or before {@code date} (the oldest one when all are later). */
    public KubernetesCatalog at(LocalDate date) {
        KubernetesCatalog found = catalogs.get(0);
        for (KubernetesCatalog c : catalogs) {
            if (!c.date().isAfter(date)) {
                found = c;
            }
        }
        return found;
    }

    public List<KubernetesCatalog> all() {
        return catalogs;
    }

    /** Pins the catalog to {@code date} (null: follow the virtual clock again). */
    public void pin(LocalDate date) {
        this.pinned = date;
    }

    public LocalDate pinned() {
        return pinned;
    }
}
