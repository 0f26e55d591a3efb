package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.JsonFields;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.operations.ProvisioningState;
import dev.amlaks.emulator.store.StoredResource;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The server-side half of a workspace body: what the service fills in at create (associated
 * resources when none are given, ids, URLs, notebook info, identity), the keys it hands out, and
 * the shape checks of associated resource ids.
 */
final class WorkspaceBodies {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> IDENTITY_TYPES = List.of("SystemAssigned", "UserAssigned", "SystemAssigned,UserAssigned", "None");
    /** Associated resources: the property and the resource type its id must name. */
    private static final List<String[]> ASSOCIATED = List.of(
            new String[] {"storageAccount", "Microsoft.Storage/storageAccounts"},
            new String[] {"keyVault", "Microsoft.KeyVault/vaults"},
            new String[] {"applicationInsights", "Microsoft.Insights/components"},
            new String[] {"containerRegistry", "Microsoft.ContainerRegistry/registries"});

    private WorkspaceBodies() {
    }

    /** The body of a new workspace in {@code location}: what was asked, and what the service adds. */
    static ObjectNode created(ResourceId id, ObjectNode request, ObjectNode in, String location, String tenant) {
        String workspaceId = UUID.randomUUID().toString();
        String suffix = workspaceId.replace("-", "").substring(0, 8);

        ObjectNode body = Json.object();
        body.put("id", id.toString());
        body.put("name", id.name());
        body.put("type", MlNames.WORKSPACE_TYPE);
        body.put("location", location);
        body.set("tags", request.has("tags") && !request.get("tags").isNull() ? request.get("tags") : Json.object());
        body.set("identity", identity(request.get("identity"), tenant));
        ObjectNode sku = JsonFields.object(request, "sku", "sku");
        body.set("sku", sku != null ? sku : Json.object().put("name", "Basic").put("tier", "Basic"));
        body.put("kind", request.hasNonNull("kind") ? request.get("kind").asText() : "Default");
        ObjectNode p = in.deepCopy();
        p.put("friendlyName", in.hasNonNull("friendlyName") ? in.get("friendlyName").asText() : id.name());
        String base = id.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        base = base.isEmpty() ? "ws" : base.substring(0, Math.min(base.length(), 14));
        associatedDefault(p, "storageAccount", id, "Microsoft.Storage/storageAccounts/" + base + suffix);
        associatedDefault(p, "keyVault", id, "Microsoft.KeyVault/vaults/" + base + suffix);
        associatedDefault(p, "applicationInsights", id, "Microsoft.Insights/components/" + base + suffix);
        putIfAbsent(p, "hbiWorkspace", false);
        putIfAbsent(p, "publicNetworkAccess", "Enabled");
        putIfAbsent(p, "v1LegacyMode", false);
        p.put("provisioningState", ProvisioningState.CREATING.value());
        p.put("workspaceId", workspaceId);
        p.put("tenantId", tenant);
        p.put("discoveryUrl", "https://" + location + ".api.azureml.ms/discovery");
        p.put("mlFlowTrackingUri", "azureml://" + location + ".api.azureml.ms/mlflow/v1.0" + id);
        p.put("privateLinkCount", 0);
        p.put("storageHnsEnabled", false);
        ObjectNode notebook = p.putObject("notebookInfo");
        notebook.put("resourceId", UUID.randomUUID().toString().replace("-", ""));
        notebook.put("fqdn", "ml-" + base + "-" + location + "-" + workspaceId + ".notebooks.azure.net");
        notebook.put("isPrivateLinkEnabled", false);
        notebook.putNull("notebookPreparationError");
        body.set("properties", p);
        return body;
    }

    /** The secrets listKeys hands out, made once at create. */
    static ObjectNode newKeys() {
        ObjectNode keys = Json.object();
        keys.put("userStorageKey", secret(64));
        keys.put("appInsightsInstrumentationKey", UUID.randomUUID().toString());
        keys.put("notebookPrimary", secret(32));
        keys.put("notebookSecondary", secret(32));
        keys.put("registryPassword", secret(24));
        keys.put("registryPassword2", secret(24));
        return keys;
    }

    /** What listKeys answers: the keys made at create, the storage account and registry the workspace uses. */
    static ObjectNode keys(StoredResource row) {
        ObjectNode keys = row.internal() == null ? Json.object() : Json.tree(row.internal());
        ObjectNode p = (ObjectNode) Json.tree(row.body()).get("properties");
        ObjectNode out = Json.object();
        out.put("userStorageKey", keys.path("userStorageKey").asText());
        out.put("userStorageResourceId", p.path("storageAccount").asText());
        out.put("appInsightsInstrumentationKey", keys.path("appInsightsInstrumentationKey").asText());
        if (p.hasNonNull("containerRegistry")) {
            String registry = ResourceId.parse(p.get("containerRegistry").asText()).name();
            ObjectNode cr = out.putObject("containerRegistryCredentials");
            cr.put("location", row.location());
            cr.put("username", registry);
            cr.putArray("passwords").add(Json.object().put("name", "password").put("value", keys.path("registryPassword").asText()))
                    .add(Json.object().put("name", "password2").put("value", keys.path("registryPassword2").asText()));
        } else {
            out.putNull("containerRegistryCredentials");
        }
        ObjectNode nb = out.putObject("notebookAccessKeys");
        nb.put("primaryAccessKey", keys.path("notebookPrimary").asText());
        nb.put("secondaryAccessKey", keys.path("notebookSecondary").asText());
        return out;
    }

    static ObjectNode identity(JsonNode requested, String tenant) {
        String type = requested == null || requested.isNull() ? "SystemAssigned" : JsonFields.string(requested, "type", "identity.type");
        String canonical = IDENTITY_TYPES.stream().filter(t -> t.replace(" ", "").equalsIgnoreCase(String.valueOf(type).replace(" ", "")))
                .findFirst().orElseThrow(() -> MlErrors.invalidValue("identity.type", String.valueOf(type), IDENTITY_TYPES));
        ObjectNode i = requested == null || requested.isNull() ? Json.object() : ((ObjectNode) requested).deepCopy();
        i.put("type", canonical);
        if (canonical.startsWith("SystemAssigned")) {
            i.put("principalId", UUID.randomUUID().toString());
            i.put("tenantId", tenant);
        }
        return i;
    }

    /** The JSON types of a workspace PUT or PATCH, and associated resource ids of the right type. */
    static void checkRequest(ObjectNode request, ObjectNode in) {
        JsonFields.stringMap(request, "tags", "tags");
        JsonFields.object(request, "identity", "identity");
        for (String[] a : ASSOCIATED) {
            String value = JsonFields.string(in, a[0], "properties." + a[0]);
            if (value != null && !value.isBlank()) {
                checkAssociated(a[0], value, a[1]);
            }
        }
        for (String f : List.of("friendlyName", "description", "publicNetworkAccess")) {
            JsonFields.string(in, f, "properties." + f);
        }
        JsonFields.bool(in, "hbiWorkspace", "properties.hbiWorkspace");
    }

    private static void checkAssociated(String field, String value, String type) {
        try {
            ResourceId r = ResourceId.parse(value);
            if (r.resourceGroup() != null && r.typeKey().equals(type.toLowerCase(Locale.ROOT))) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw MlErrors.badArgument("The value '" + value + "' of 'properties." + field + "' is not the ARM id of a " + type
                + " resource (/subscriptions/{id}/resourceGroups/{rg}/providers/" + type + "/{name}).");
    }

    private static void associatedDefault(ObjectNode p, String field, ResourceId ws, String typeAndName) {
        if (!p.hasNonNull(field) || p.get(field).asText().isBlank()) {
            p.put(field, "/subscriptions/" + ws.subscriptionId() + "/resourceGroups/" + ws.resourceGroup() + "/providers/" + typeAndName);
        }
    }

    private static void putIfAbsent(ObjectNode n, String field, Object value) {
        if (!n.hasNonNull(field)) {
            n.set(field, Json.MAPPER.valueToTree(value));
        }
    }

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
