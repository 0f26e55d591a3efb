package dev.amlaks.emulator.specs;

import static dev.amlaks.emulator.specs.SpecExamplesTest.on;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.arm.ResourceId;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One example's replay: its world made, its request sent, its status and fields checked. */
final class Replay {

    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z0-9_$-]+)\\}");
    private static final Pattern ID = Pattern.compile("^/subscriptions/[^/]+/.+");
    private static final Pattern GROUP = Pattern.compile("^/subscriptions/([^/]+)/resourcegroups/([^/]+)", Pattern.CASE_INSENSITIVE);
    /** Where a placeholder region ({@code location1}) lands: one that offers the examples' sizes, GPUs included. */
    static final String REGION = "eastus";

    private final EmulatorExtension emu;
    private final ObjectNode operations;
    private final Map<String, JsonNode> seeds = new HashMap<>();
    private final Map<String, String> replacements = new LinkedHashMap<>();
    private final Set<String> regions = new HashSet<>();
    private final List<String> versions = new ArrayList<>();
    private final List<String> stable = new ArrayList<>();

    /** What one example is replayed with: its operation, the fields it leaves out and why, its maps keyed by data. */
    record Entry(String operation, Set<String> ignored, Set<String> maps) {

        static Entry of(JsonNode manifestEntry) {
            if (manifestEntry.isTextual()) {
                return new Entry(manifestEntry.asText(), Set.of(), Set.of());
            }
            Set<String> ignored = new HashSet<>();
            manifestEntry.path("ignore").fieldNames().forEachRemaining(ignored::add);
            Set<String> maps = new HashSet<>();
            manifestEntry.path("maps").forEach(m -> maps.add(m.asText()));
            return new Entry(manifestEntry.get("operation").asText(), ignored, maps);
        }
    }

    Replay(EmulatorExtension emu, ObjectNode manifest) {
        this.emu = emu;
        manifest.path("replacements").forEach(r -> replacements.put(r.get("from").asText(), r.get("to").asText()));
        this.operations = (ObjectNode) manifest.get("operations");
        manifest.get("seeds").fields().forEachRemaining(e -> seeds.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    }

    List<String> run(ObjectNode example, Entry entry) {
        List<String> problems = new ArrayList<>();
        JsonNode op = operations.get(entry.operation());
        if (op == null) {
            return List.of("the manifest has no operation '" + entry.operation() + "'");
        }
        emu.emulator().reset();
        loadCatalogs();
        ObjectNode params = (ObjectNode) example.get("parameters");
        roomyQuota(replaced(params.path("subscriptionId").asText(Arm.SUB)));
        String api = params.get("api-version").asText();
        String path = fill(op.get("path").asText(), params);
        String method = op.get("method").asText();
        JsonNode body = op.hasNonNull("body") ? params.get(op.get("body").asText()) : null;
        body = body == null ? null : realistic(body.deepCopy());
        for (JsonNode g : example.path("given")) {
            given(g);
        }
        ResourceId self = resourceOf(path, op.path("target").asText("self"));
        if (self != null) {
            prepare(self, !method.equals("PUT"));
        } else {
            group(path);
        }
        if (body != null) {
            references(body, self);
        }
        Map<String, String> query = new LinkedHashMap<>();
        op.path("query").forEach(q -> {
            if (params.has(q.asText())) {
                query.put(q.asText(), params.get(q.asText()).asText());
            }
        });
        Response r = send(method, path, api, query, body);
        Set<String> listed = new LinkedHashSet<>();
        example.get("responses").fieldNames().forEachRemaining(listed::add);
        String status = Integer.toString(r.statusCode());
        if (!listed.contains(status)) {
            problems.add(method + " " + path + " answered " + status + ", the example lists " + listed + ": " + r.asString());
            return problems;
        }
        JsonNode expected = expectedBody(example, status);
        if (expected == null) {
            return problems;
        }
        JsonNode ours;
        if ((method.equals("PUT") || method.equals("PATCH")) && self != null) {
            settle();
            Response g = send("GET", self.toString(), api, Map.of(), null);
            if (g.statusCode() != 200) {
                problems.add("GET " + self + " after the " + method + " answered " + g.statusCode() + ": " + g.asString());
                return problems;
            }
            ours = Json.tree(g.asString());
        } else {
            String text = r.asString();
            ours = text.isBlank() ? Json.object() : Json.tree(text);
        }
        new Comparison(entry).compare(expected, ours, "", problems);
        return problems;
    }

    /** The body to compare with: the example's final 200 when it has one, else that of the status answered. */
    private static JsonNode expectedBody(ObjectNode example, String status) {
        JsonNode responses = example.get("responses");
        JsonNode b = responses.path("200").get("body");
        if (b == null) {
            b = responses.path(status).get("body");
        }
        return b;
    }

    // ---- making the world the example assumes

    /** One thing the example assumes: a resource PUT (from the body given, or its type's seed), or an action POSTed. */
    private void given(JsonNode g) {
        String path = replaced(g.get("path").asText());
        String method = g.path("method").asText("PUT");
        String api = g.get("api").asText();
        ResourceId id = resourceOf(path, method.equals("PUT") ? "self" : "parent");
        prepare(id, false);
        if (method.equals("PUT") && !g.has("body")) {
            seed(id);
            return;
        }
        JsonNode body = g.has("body") ? realistic(g.get("body").deepCopy()) : null;
        if (body != null) {
            references(body, id);
        }
        Response r = send(method, path, api, Map.of(), body);
        if (r.statusCode() >= 300) {
            throw new AssertionError("what the example assumes could not be made: " + method + " " + path + " answered " + r.statusCode() + " "
                    + r.asString());
        }
        if (g.path("settle").asBoolean(true)) {
            settle();
        }
    }

    private void prepare(ResourceId id, boolean includingSelf) {
        group(id.toString());
        List<ResourceId> chain = new ArrayList<>();
        for (ResourceId x = id; x.namespace() != null; x = x.parent()) {
            chain.add(0, x);
            if (x.extended() == null && x.segments().size() == 1) {
                break;
            }
        }
        for (ResourceId x : chain) {
            if (!x.equals(id) || includingSelf) {
                seed(x);
            }
        }
    }

    private void references(JsonNode body, ResourceId self) {
        List<String> ids = new ArrayList<>();
        collectIds(body, ids);
        for (String s : ids) {
            ResourceId r;
            try {
                r = ResourceId.parse(s);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (self != null && (r.equals(self) || self.key().startsWith(r.key() + "/"))) {
                continue;
            }
            if (r.resourceGroup() == null || r.namespace() == null || !seeds.containsKey(typeOf(r))) {
                continue;
            }
            prepare(r, true);
        }
    }

    private static void collectIds(JsonNode n, List<String> out) {
        if (n.isTextual() && ID.matcher(n.asText()).matches()) {
            out.add(n.asText());
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> {
                if (ID.matcher(e.getKey()).matches()) {
                    out.add(e.getKey());
                }
                collectIds(e.getValue(), out);
            });
        } else if (n.isArray()) {
            n.forEach(x -> collectIds(x, out));
        }
    }

    private void group(String anyPath) {
        Matcher m = GROUP.matcher(anyPath);
        if (m.find()) {
            String g = "/subscriptions/" + m.group(1) + "/resourceGroups/" + m.group(2);
            if (on(emu).queryParam("api-version", "2021-04-01").head(g).statusCode() != 204) {
                Response r = on(emu).queryParam("api-version", "2021-04-01").body("{\"location\":\"" + REGION + "\"}").put(g);
                if (r.statusCode() != 201) {
                    throw new AssertionError("the group " + g + " could not be made: " + r.statusCode() + " " + r.asString());
                }
            }
        }
    }

    /** Creates {@code id} from its type's seed unless it is there, then lets its operation land. */
    private void seed(ResourceId id) {
        JsonNode seed = seeds.get(typeOf(id));
        if (seed == null) {
            return;
        }
        String api = seed.get("api").asText();
        if (on(emu).queryParam("api-version", api).get(id.toString()).statusCode() == 200) {
            return;
        }
        String text = seed.get("body").toString()
                .replace("{name}", id.name())
                .replace("{alnum}", id.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""))
                .replace("{group}", "/subscriptions/" + id.subscriptionId() + "/resourceGroups/" + id.resourceGroup())
                .replace("{tenantId}", Arm.TENANT);
        JsonNode body = Json.tree(text);
        references(body, id);
        Response r = on(emu).queryParam("api-version", api).body(body.toString()).put(id.toString());
        if (r.statusCode() >= 300) {
            throw new AssertionError("the seed of " + id + " was refused: " + r.statusCode() + " " + r.asString());
        }
        settle();
    }

    private static String typeOf(ResourceId id) {
        return id.type().toLowerCase(Locale.ROOT);
    }

    private void settle() {
        Arm.advance(emu, 7200);
    }

    /** Quota enough for any example (the GPU ones ask for hundreds of vCPUs of families whose default quota is small). */
    private void roomyQuota(String subscription) {
        ObjectNode limits = Json.object().put("cores", 100_000);
        try (InputStream in = Replay.class.getResourceAsStream("/fixtures/vm-sizes.json")) {
            Json.readObject(in.readAllBytes()).get("families").fieldNames().forEachRemaining(f -> limits.put(f, 100_000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RestAssured.given().baseUri(emu.url()).contentType(ContentType.JSON).body(limits.toString())
                .put("/_emulator/quotas/" + subscription + "/" + REGION).then().statusCode(200);
    }

    // ---- requests

    private Response send(String method, String path, String api, Map<String, String> query, JsonNode body) {
        RequestSpecification r = on(emu).queryParam("api-version", api);
        for (Map.Entry<String, String> q : query.entrySet()) {
            r = r.queryParam(q.getKey(), q.getValue());
        }
        if (body != null) {
            r = r.body(body.toString());
        }
        return r.request(method, path);
    }

    private String fill(String template, ObjectNode params) {
        Matcher m = PARAM.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            JsonNode v = params.get(m.group(1));
            String value = v == null ? m.group(0) : v.asText();
            if (m.group(1).equals("location") && !regions.contains(value.toLowerCase(Locale.ROOT))) {
                value = REGION;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replaced(value)));
        }
        m.appendTail(out);
        String filled = out.toString();
        return filled.startsWith("//") ? filled.substring(1) : filled;
    }

    /** The resource a path is about: itself, its parent for an action ({@code parent}), its grandparent for a singleton child. */
    private static ResourceId resourceOf(String path, String target) {
        if (target.equals("none")) {
            return null;
        }
        String p = path;
        int up = target.equals("parent") ? 1 : target.equals("parent2") ? 2 : 0;
        for (int i = 0; i < up; i++) {
            p = p.substring(0, p.lastIndexOf('/'));
        }
        try {
            return ResourceId.parse(p);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private String replaced(String value) {
        String v = value;
        for (Map.Entry<String, String> r : replacements.entrySet()) {
            v = v.replace(r.getKey(), r.getValue());
        }
        return v;
    }

    /** The example's placeholders made values the emulator takes: a real region, a catalog version, the manifest's replacements. */
    private JsonNode realistic(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode v = o.get(k);
                String key = replaced(k);
                if (!key.equals(k)) {
                    o.remove(k);
                    o.set(key, v);
                }
                if (v.isTextual()) {
                    o.set(key, TextNode.valueOf(realisticText(key, v.asText())));
                } else {
                    realistic(v);
                }
            }
        } else if (n.isArray()) {
            n.forEach(this::realistic);
        }
        return n;
    }

    private String realisticText(String key, String value) {
        if (value.equals("{oldest}")) {
            return versions.get(0);
        }
        if (value.equals("{newestStable}")) {
            return stable.get(stable.size() - 1);
        }
        if ((key.equals("location") || key.equals("computeLocation")) && !regions.contains(value.toLowerCase(Locale.ROOT).replace(" ", ""))) {
            return REGION;
        }
        if ((key.equals("kubernetesVersion") || key.equals("orchestratorVersion")) && !value.isEmpty() && !versions.contains(value)) {
            return "";
        }
        return replaced(value);
    }

    private void loadCatalogs() {
        if (regions.isEmpty()) {
            on(emu).queryParam("api-version", "2022-12-01").get("/subscriptions/" + Arm.SUB + "/locations")
                    .then().extract().jsonPath().getList("value.name", String.class).forEach(x -> regions.add(x.toLowerCase(Locale.ROOT)));
        }
        versions.clear();
        stable.clear();
        var listed = on(emu).queryParam("api-version", "2019-04-01").queryParam("resource-type", "managedClusters")
                .get("/subscriptions/" + Arm.SUB + "/providers/Microsoft.ContainerService/locations/" + REGION + "/orchestrators")
                .then().extract().jsonPath();
        List<String> names = listed.getList("properties.orchestrators.orchestratorVersion", String.class);
        List<Boolean> preview = listed.getList("properties.orchestrators.isPreview", Boolean.class);
        for (int i = 0; i < names.size(); i++) {
            versions.add(names.get(i));
            if (!Boolean.TRUE.equals(preview.get(i))) {
                stable.add(names.get(i));
            }
        }
        versions.sort(Comparator.comparing(Replay::versionKey));
        stable.sort(Comparator.comparing(Replay::versionKey));
    }

    private static String versionKey(String v) {
        StringBuilder k = new StringBuilder();
        for (String part : v.split("\\.")) {
            k.append(String.format("%05d", Integer.parseInt(part.replaceAll("\\D.*", "0"))));
        }
        return k.toString();
    }
}
