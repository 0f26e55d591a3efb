package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.catalog.KubernetesCatalog;
import dev.amlaks.emulator.catalog.KubernetesVersions;
import dev.amlaks.emulator.catalog.Regions;
import dev.amlaks.emulator.fixtures.RegionsFixture;
import dev.amlaks.emulator.spi.ArmCall;

/**
 * The Kubernetes version catalog in force, in both shapes clients read: the legacy
 * {@code locations/{l}/orchestrators} (V8; what {@code az aks get-versions} 2.45 and the Java
 * fluent API call) and the current {@code locations/{l}/kubernetesVersions}.
 */
public final class VersionsHandler {

    private final KubernetesVersions versions;
    private final Regions regions;

    VersionsHandler(KubernetesVersions versions, Regions regions) {
        this.versions = versions;
        this.regions = regions;
    }

    private String region(ArmCall call, String type) {
        String location = call.param("location");
        return regions.find(location).map(RegionsFixture.Region::name).orElseThrow(() -> ArmException.badRequest(
                "LocationNotAvailableForResourceType", "The provided location '" + location + "' is not available for resource type '"
                        + type + "'. List of available regions for the resource type is '" + regions.namesText() + "'."));
    }

    /** V8: entries with orchestratorType Kubernetes, the version, default / isPreview when true, upgrades with orchestratorType "". */
    public void orchestrators(ArmCall call) {
        String location = region(call, "Microsoft.ContainerService/locations/orchestrators");
        String resourceType = call.query("resource-type");
        ObjectNode out = Json.object();
        out.put("id", "/subscriptions/" + call.param("subscriptionId") + "/providers/Microsoft.ContainerService/locations/" + location
                + "/orchestrators");
        out.put("name", "default");
        out.put("type", "Microsoft.ContainerService/locations/orchestrators");
        ArrayNode list = out.putObject("properties").putArray("orchestrators");
        if (resourceType == null || resourceType.isBlank() || resourceType.equalsIgnoreCase("managedClusters")) {
            for (KubernetesCatalog.Version v : versions.current().versions()) {
                ObjectNode e = list.addObject();
                e.put("orchestratorType", "Kubernetes");
                e.put("orchestratorVersion", v.version());
                if (v.isDefault()) {
                    e.put("default", true);
                }
                if (v.preview()) {
                    e.put("isPreview", true);
                }
                if (!v.upgrades().isEmpty()) {
                    ArrayNode ups = e.putArray("upgrades");
                    for (String u : v.upgrades()) {
                        ObjectNode ue = ups.addObject();
                        ue.put("orchestratorType", "");
                        ue.put("orchestratorVersion", u);
                        ue.put("isPreview", versions.current().find(u).map(KubernetesCatalog.Version::preview).orElse(false));
                    }
                }
            }
        }
        call.json(200, out);
    }

    /** The current shape: {@code values} grouped by minor, with patchVersions and support plans. */
    public void kubernetesVersions(ArmCall call) {
        region(call, "Microsoft.ContainerService/locations/kubernetesVersions");
        ObjectNode out = Json.object();
        ArrayNode values = out.putArray("values");
        for (KubernetesCatalog.Minor m : versions.current().minors()) {
            ObjectNode e = values.addObject();
            e.put("version", m.version());
            if (m.isDefault()) {
                e.put("isDefault", true);
            }
            if (m.preview()) {
                e.put("isPreview", true);
            }
            ArrayNode plans = e.putObject("capabilities").putArray("supportPlan");
            m.supportPlan().forEach(plans::add);
            ObjectNode patches = e.putObject("patchVersions");
            for (KubernetesCatalog.Version p : m.patches()) {
                ArrayNode ups = patches.putObject(p.version()).putArray("upgrades");
                p.upgrades().forEach(ups::add);
            }
        }
        call.json(200, out);
    }
}
