package dev.amlaks.emulator.arm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A resource type is a value: its api-versions are matched as ARM matches them, in any case. */
class ResourceTypeTest {

    private final ResourceType clusters = ResourceType.provider("Microsoft.ContainerService", "managedClusters", "2022-11-01",
            "2023-01-02-preview");

    @Test
    void an_api_version_is_accepted_in_any_case_and_an_unknown_one_is_not() {
        assertThat(clusters.accepts("2022-11-01")).isTrue();
        assertThat(clusters.accepts("2023-01-02-PREVIEW")).isTrue();
        assertThat(clusters.accepts("2022-11-02")).isFalse();
        assertThat(clusters.accepts(null)).isFalse();
        assertThat(ResourceType.anyVersion("Microsoft.Resources", "operations").accepts("2099-01-01")).isTrue();
    }

    @Test
    void two_types_with_the_same_parts_are_equal_and_name_themselves_alike() {
        ResourceType same = ResourceType.provider("Microsoft.ContainerService", "managedClusters", "2023-01-02-preview", "2022-11-01");
        assertThat(same).isEqualTo(clusters).hasSameHashCodeAs(clusters);
        assertThat(same.fullName()).isEqualTo("Microsoft.ContainerService/managedClusters");
        assertThat(same.key()).isEqualTo("microsoft.containerservice/managedclusters");
        assertThat(same).isNotEqualTo(ResourceType.legacy("Microsoft.ContainerService", "managedClusters", "2022-11-01",
                "2023-01-02-preview"));
    }
}
