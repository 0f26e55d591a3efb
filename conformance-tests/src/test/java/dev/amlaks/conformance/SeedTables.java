package dev.amlaks.conformance;

/** What the seed document prints, word for word, for the suites that compare a real client's output with it. */
public final class SeedTables {

    /** V6: {@code az aks get-versions -l westus -o table} on the catalog of 2020-10-02. */
    public static final String GET_VERSIONS_WESTUS_2020_10_02 = """
            KubernetesVersion    Upgrades
            -------------------  ----------------------------------------
            1.18.6(preview)      None available
            1.18.4(preview)      1.18.6(preview)
            1.17.9               1.18.4(preview), 1.18.6(preview)
            1.17.7               1.17.9, 1.18.4(preview), 1.18.6(preview)
            1.16.13              1.17.7, 1.17.9
            1.16.10              1.16.13, 1.17.7, 1.17.9
            1.15.12              1.16.10, 1.16.13
            1.15.11              1.15.12, 1.16.10, 1.16.13
            """;

    private SeedTables() {
    }
}
