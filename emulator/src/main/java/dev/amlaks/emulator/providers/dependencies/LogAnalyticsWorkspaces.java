package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.kept;
import static dev.amlaks.emulator.providers.dependencies.Declarations.putIfAbsent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Microsoft.OperationalInsights/workspaces: where a cluster's monitoring addon sends logs; az aks reads its customerId. */
final class LogAnalyticsWorkspaces extends Named {

    LogAnalyticsWorkspaces() {
        super("Microsoft.OperationalInsights", "workspaces", "^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$",
                DependencyErrors::logAnalyticsNameInvalid, null);
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        ObjectNode p = Declarations.properties(request);
        ObjectNode before = ctx.existing() == null ? null : (ObjectNode) ctx.existing().get("properties");
        String sku = p.path("sku").path("name").asText("PerGB2018");
        Declarations.oneOf(sku, "properties.sku.name", List.of("Free", "Standard", "Premium", "PerNode", "PerGB2018", "Standalone",
                "CapacityReservation", "LACluster"));
        p.putObject("sku").put("name", sku);
        p.put("customerId", kept(before, "customerId", UUID.randomUUID().toString()));
        putIfAbsent(p, "retentionInDays", Json.MAPPER.getNodeFactory().numberNode(30));
        putIfAbsent(p, "publicNetworkAccessForIngestion", "Enabled");
        putIfAbsent(p, "publicNetworkAccessForQuery", "Enabled");
        p.put("createdDate", kept(before, "createdDate", Instant.now().toString()));
        p.put("modifiedDate", Instant.now().toString());
        p.put("provisioningState", "Succeeded");
        ObjectNode body = Json.object();
        body.set("properties", p);
        return new Shaped(body, null);
    }
}
