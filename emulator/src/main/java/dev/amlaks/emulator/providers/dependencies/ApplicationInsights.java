package dev.amlaks.emulator.providers.dependencies;

import static dev.amlaks.emulator.providers.dependencies.Declarations.kept;
import static dev.amlaks.emulator.providers.dependencies.Declarations.putIfAbsent;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Microsoft.Insights/components: the workspace's Application Insights, with its instrumentation key and connection string. */
final class ApplicationInsights extends Named {

    ApplicationInsights() {
        super("Microsoft.Insights", "components", "^[A-Za-z0-9_.()-]{0,254}[A-Za-z0-9_()-]$", DependencyErrors::insightsNameInvalid, null);
    }

    @Override
    public Creation creation() {
        return Creation.OK;
    }

    @Override
    public Shaped shape(ResourceId id, String location, ObjectNode request, Context ctx) {
        if (!request.hasNonNull("kind")) {
            throw DependencyErrors.kindRequired("component", "\"web\"");
        }
        Declarations.oneOf(Declarations.required(request, "properties.Application_Type", "\"web\""), "properties.Application_Type",
                List.of("web", "other"));
        ObjectNode p = Declarations.properties(request);
        ObjectNode before = ctx.existing() == null ? null : (ObjectNode) ctx.existing().get("properties");
        String key = kept(before, "InstrumentationKey", UUID.randomUUID().toString());
        p.put("ApplicationId", id.name());
        p.put("AppId", kept(before, "AppId", UUID.randomUUID().toString()));
        p.put("InstrumentationKey", key);
        p.put("ConnectionString", "InstrumentationKey=" + key + ";IngestionEndpoint=https://" + location
                + "-0.in.applicationinsights.azure.com/;LiveEndpoint=https://" + location + ".livediagnostics.monitor.azure.com/");
        p.put("CreationDate", kept(before, "CreationDate", Instant.now().toString()));
        p.put("TenantId", id.subscriptionId());
        p.put("Name", id.name());
        putIfAbsent(p, "Flow_Type", "Bluefield");
        putIfAbsent(p, "Request_Source", "rest");
        putIfAbsent(p, "RetentionInDays", Json.MAPPER.getNodeFactory().numberNode(90));
        putIfAbsent(p, "IngestionMode", p.hasNonNull("WorkspaceResourceId") ? "LogAnalytics" : "ApplicationInsights");
        putIfAbsent(p, "publicNetworkAccessForIngestion", "Enabled");
        putIfAbsent(p, "publicNetworkAccessForQuery", "Enabled");
        p.put("provisioningState", "Succeeded");
        ObjectNode body = Json.object();
        body.put("kind", request.get("kind").asText());
        body.put("etag", "\"" + UUID.randomUUID() + "\"");
        body.set("properties", p);
        return new Shaped(body, null);
    }
}
