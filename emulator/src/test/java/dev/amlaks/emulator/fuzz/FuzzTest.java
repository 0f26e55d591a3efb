package dev.amlaks.emulator.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A seeded fuzzer over every route family (ARM types of every provider, operation polling, the
 * control API, the login endpoints): valid requests and their mutations (names, api-versions,
 * bodies with fields dropped, retyped, oversized or unknown, broken JSON, wrong methods and
 * headers) from four clients at once, on loopback, bounded in count. It fails on any 5xx, on any
 * error answer that is not ARM's (or, for the login endpoints, Entra's) body, on any answer
 * without a request id, and on a world left inconsistent: every resource listed must answer its
 * GET, and each region's vCPU usage must equal the cores of its clusters' pools.
 */
class FuzzTest {

    static final long SEED = 20261201L;
    static final int CLIENTS = 4;
    static final int REQUESTS_PER_CLIENT = 5_250;

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "00000000-0000-4000-8000-000000000001";
    private static final String TENANT = "00000000-0000-4000-8000-00000000a001";
    private static final String CLIENT_ID = "00000000-0000-4000-8000-00000000c001";
    private static final String[] GROUPS = {"fz1", "fz2", "fz3"};
    private static final String[] NAMES = {"a1", "fz", "fz2", "node1", "pool2"};
    private static final String[] BAD_NAMES = {"-bad", "a".repeat(120), "%E5%90%8D", "x%20y", "a;b", "..", "%2e%2e", "UPPER_lower.9", "_"};
    private static final String[] BAD_VERSIONS = {"2099-01-01", "", "abc", "2021-13-45", "2020-01-01-preview-x", "%00"};
    private static final String[] LOCATIONS = {"westus", "eastus", "nowhere", "", "WestUS"};

    /** A request the fuzzer sends, before mutation. */
    record Call(String method, String path, String apiVersion, String body, String contentType, String family) {
    }

    private final Map<String, AtomicInteger> families = new ConcurrentHashMap<>();
    private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger clientErrors = new AtomicInteger();
    private final AtomicInteger walked = new AtomicInteger();
    private final Map<String, Integer> clusterCores = new TreeMap<>();

    @Test
    void twenty_thousand_requests_over_every_route_family_get_no_5xx_only_arm_errors_and_leave_a_sound_world() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        long start = System.nanoTime();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                Random random = new Random(SEED + c);
                // Each client keeps its own connections, as a real one does, so a connection the server
                // drops without saying so shows on the next request that client sends.
                HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT && problems.size() < 50; i++) {
                        send(own, mutate(random, call(random)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get(15, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        // Let every operation the fuzzer started end, then look at the world it left.
        request(http, "POST", "/_emulator/clock/advance?seconds=7200", null, null);
        checkWorld(http);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("fuzzer: %d requests (seed %d) in %.1f s, %d client errors, by family %s; afterwards %d resources walked,"
                + " cluster cores by region %s; problems %d%n", sent.get(), SEED, seconds, clientErrors.get(), new TreeMap<>(families),
                walked.get(), clusterCores, problems.size());
        assertThat(problems).as("what the fuzzer found").isEmpty();
        assertThat(sent.get()).isGreaterThanOrEqualTo(20_000);
        assertThat(families.keySet()).hasSizeGreaterThanOrEqualTo(15);
    }

    // ---- what is sent ----------------------------------------------------------------------------

    private static String pick(Random r, String... options) {
        return options[r.nextInt(options.length)];
    }

    private static String name(Random r) {
        return r.nextInt(10) == 0 ? pick(r, BAD_NAMES) : pick(r, NAMES);
    }

    private static String group(Random r) {
        return r.nextInt(15) == 0 ? pick(r, BAD_NAMES) : pick(r, GROUPS);
    }

    private static String rg(Random r) {
        return "/subscriptions/" + SUB + "/resourceGroups/" + group(r);
    }

    private static String location(Random r) {
        return r.nextInt(8) == 0 ? pick(r, LOCATIONS) : "westus";
    }

    private static String guid(Random r) {
        return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
    }

    private static String method(Random r, String... usual) {
        return r.nextInt(12) == 0 ? pick(r, "GET", "PUT", "PATCH", "DELETE", "POST", "HEAD", "OPTIONS") : pick(r, usual);
    }

    private Call call(Random r) {
        String g = rg(r);
        String n = name(r);
        String loc = location(r);
        return switch (r.nextInt(20)) {
            // Only fz3 is ever deleted as a whole, so the world left to check holds what fz1 and fz2 gathered.
            case 0 -> new Call(g.endsWith("/fz3") ? method(r, "PUT", "GET", "DELETE", "PATCH", "HEAD") : pick(r, "PUT", "GET", "PATCH", "HEAD"), g,
                    "2021-04-01",
                    "{\"location\":\"" + loc + "\",\"tags\":{\"k\":\"v\"}}", "application/json", "resourceGroups");
            case 1 -> new Call("GET", pick(r, "/subscriptions", "/subscriptions/" + SUB, "/tenants", "/subscriptions/" + SUB + "/locations",
                    "/subscriptions/" + SUB + "/providers", "/providers/Microsoft.ContainerService", "/subscriptions/" + SUB + "/resourcegroups"),
                    pick(r, "2022-12-01", "2021-04-01", "2020-01-01"), null, null, "subscriptions");
            case 2 -> new Call(method(r, "PUT", "GET", "DELETE", "PATCH"), g + "/providers/Microsoft.ContainerService/managedClusters/" + n,
                    pick(r, "2024-09-01", "2022-11-01", "2020-09-01", "2025-04-01"), "{\"location\":\"" + loc + "\",\"properties\":{\"dnsPrefix\":\"d"
                    + r.nextInt(9) + "\",\"agentPoolProfiles\":[{\"name\":\"nodepool1\",\"count\":" + (1 + r.nextInt(3))
                    + ",\"vmSize\":\"" + pick(r, "Standard_D2s_v3", "Standard_D3_v2", "Standard_NC6", "Nope") + "\",\"mode\":\"System\"}]}}",
                    "application/json", "managedClusters");
            case 3 -> new Call(method(r, "PUT", "GET", "DELETE"), g + "/providers/Microsoft.ContainerService/managedClusters/" + pick(r, NAMES)
                    + "/agentPools/" + n, "2024-09-01", "{\"properties\":{\"count\":" + r.nextInt(4) + ",\"vmSize\":\"Standard_D2s_v3\",\"mode\":\""
                    + pick(r, "User", "System") + "\"}}", "application/json", "agentPools");
            case 4 -> new Call("POST", g + "/providers/Microsoft.ContainerService/managedClusters/" + n + "/" + pick(r, "stop", "start", "abort",
                    "listClusterUserCredential", "listClusterAdminCredential", "upgradeProfiles/default"), "2024-09-01", null, null, "clusterActions");
            case 5 -> new Call("GET", "/subscriptions/" + SUB + "/providers/" + pick(r, "Microsoft.ContainerService/locations/" + loc
                    + "/kubernetesVersions", "Microsoft.ContainerService/locations/" + loc + "/orchestrators", "Microsoft.Compute/locations/" + loc
                    + "/usages", "Microsoft.Compute/locations/" + loc + "/vmSizes", "Microsoft.Compute/skus", "Microsoft.MachineLearningServices/locations/"
                    + loc + "/usages"), pick(r, "2024-09-01", "2021-04-01", "2024-04-01"), null, null, "locationReads");
            case 6 -> new Call(method(r, "PUT", "GET", "DELETE", "PATCH"), g + "/providers/Microsoft.MachineLearningServices/workspaces/ws" + n,
                    pick(r, "2024-04-01", "2022-10-01"), "{\"location\":\"" + loc + "\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{"
                    + "\"storageAccount\":\"" + g + "/providers/Microsoft.Storage/storageAccounts/st" + n + "\",\"keyVault\":\"" + g
                    + "/providers/Microsoft.KeyVault/vaults/kv" + n + "\",\"applicationInsights\":\"" + g + "/providers/Microsoft.Insights/components/ai"
                    + n + "\"}}", "application/json", "workspaces");
            case 7 -> new Call(method(r, "PUT", "GET", "DELETE"), g + "/providers/Microsoft.MachineLearningServices/workspaces/ws" + pick(r, NAMES)
                    + "/computes/c" + n + (r.nextInt(4) == 0 ? "?underlyingResourceAction=" + pick(r, "Detach", "Delete", "Nope") : ""),
                    "2024-04-01", "{\"location\":\"" + loc + "\",\"properties\":{\"computeType\":\"" + pick(r, "AKS", "AmlCompute") + "\""
                    + (r.nextBoolean() ? ",\"resourceId\":\"" + g + "/providers/Microsoft.ContainerService/managedClusters/" + pick(r, NAMES) + "\"" : "")
                    + ",\"properties\":{\"clusterPurpose\":\"" + pick(r, "DevTest", "FastProd", "x") + "\",\"agentCount\":" + r.nextInt(5) + "}}}",
                    "application/json", "computes");
            case 8 -> new Call(method(r, "PUT", "GET", "DELETE"), g + "/providers/Microsoft.Network/virtualNetworks/v" + n, "2024-05-01",
                    "{\"location\":\"" + loc + "\",\"properties\":{\"addressSpace\":{\"addressPrefixes\":[\"10." + r.nextInt(4) + ".0.0/16\"]},"
                    + "\"subnets\":[{\"name\":\"s1\",\"properties\":{\"addressPrefix\":\"10." + r.nextInt(4) + ".0.0/24\"}}]}}", "application/json",
                    "virtualNetworks");
            case 9 -> new Call(method(r, "PUT", "GET", "DELETE"), g + "/providers/Microsoft.Network/virtualNetworks/v" + pick(r, NAMES) + "/subnets/"
                    + n, "2024-05-01", "{\"properties\":{\"addressPrefix\":\"10.0." + r.nextInt(300) + ".0/24\"}}", "application/json", "subnets");
            case 10 -> new Call(method(r, "PUT", "GET", "DELETE"), g + "/providers/Microsoft.Network/routeTables/rt" + n
                    + (r.nextBoolean() ? "/routes/r" + pick(r, NAMES) : ""), "2024-05-01", r.nextBoolean() ? "{\"location\":\"" + loc + "\"}"
                    : "{\"properties\":{\"addressPrefix\":\"0.0.0.0/0\",\"nextHopType\":\"" + pick(r, "Internet", "VirtualAppliance", "Bogus")
                    + "\"}}", "application/json", "routeTables");
            case 11 -> new Call(method(r, "PUT", "GET", "DELETE"), pick(r, g, "/subscriptions/" + SUB, g + "/providers/Microsoft.Network/virtualNetworks/v"
                    + pick(r, NAMES)) + "/providers/Microsoft.Authorization/roleAssignments" + (r.nextInt(3) == 0 ? "" : "/" + guid(r)),
                    pick(r, "2022-04-01", "2020-04-01-preview"), "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/" + SUB
                    + "/providers/Microsoft.Authorization/roleDefinitions/" + pick(r, "4d97b98b-1d4f-4787-a291-c67834d212e7",
                    "b24988ac-6180-42a0-ab88-20f7382dd24c", guid(r)) + "\",\"principalId\":\"" + guid(r) + "\"}}", "application/json",
                    "roleAssignments");
            case 12 -> new Call("GET", "/subscriptions/" + SUB + "/providers/Microsoft.Authorization/roleDefinitions"
                    + (r.nextBoolean() ? "?$filter=" + URLEncoder.encode(pick(r, "roleName eq 'Reader'", "roleName eq", "type eq 'x'"),
                    StandardCharsets.UTF_8) : ""), "2022-04-01", null, null, "roleDefinitions");
            case 13 -> {
                String[] t = pick(r, "Microsoft.Storage/storageAccounts/st|2023-05-01|{\"location\":\"L\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}",
                        "Microsoft.KeyVault/vaults/kv|2023-07-01|{\"location\":\"L\",\"properties\":{\"tenantId\":\"" + TENANT
                                + "\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"}}}",
                        "Microsoft.Insights/components/ai|2020-02-02|{\"location\":\"L\",\"kind\":\"web\",\"properties\":{\"Application_Type\":\"web\"}}",
                        "Microsoft.ContainerRegistry/registries/acr|2023-07-01|{\"location\":\"L\",\"sku\":{\"name\":\"Basic\"}}",
                        "Microsoft.ManagedIdentity/userAssignedIdentities/id|2023-01-31|{\"location\":\"L\"}").split("\\|");
                yield new Call(method(r, "PUT", "GET", "DELETE", "PATCH"), g + "/providers/" + t[0] + n, t[1], t[2].replace("\"L\"", "\"" + loc + "\""),
                        "application/json", "dependencies");
            }
            case 14 -> new Call("GET", "/subscriptions/" + SUB + "/providers/" + pick(r, "Microsoft.Resources", "Microsoft.ContainerService",
                    "Microsoft.MachineLearningServices") + "/locations/westus/" + pick(r, "operations/", "operationResults/") + guid(r),
                    pick(r, "2024-09-01", "2021-04-01"), null, null, "operations");
            case 15 -> new Call(pick(r, "POST", "PUT", "GET"), pick(r, "/_emulator/clock/advance?seconds=" + pick(r, "1", "60", "-1", "1e9", "x", "1e400"),
                    "/_emulator/clock", "/_emulator/tenants", "/_emulator/subscriptions", "/_emulator/policies/p" + n,
                    "/_emulator/quotas/" + SUB + "/" + loc, "/_emulator/catalog", "/_emulator/requests?limit=" + pick(r, "5", "0", "x")),
                    null, pick(r, "{\"mode\":\"manual\"}", "{\"tenantId\":\"" + guid(r) + "\"}", "{\"scope\":\"/subscriptions/" + SUB + "\"}",
                    "{\"cores\":" + r.nextInt(200) + "}", "{\"date\":\"2020-10-02\"}", "{\"subscriptionId\":\"" + guid(r) + "\"}"),
                    "application/json", "control");
            case 16 -> new Call("POST", "/" + pick(r, TENANT, "common", "organizations", "adfs") + pick(r, "/oauth2/v2.0/token", "/oauth2/token"),
                    null, "grant_type=" + pick(r, "client_credentials", "password", "") + "&client_id=" + pick(r, CLIENT_ID, guid(r), "")
                    + "&client_secret=" + pick(r, "aml-aks-emulator-secret", "wrong", "") + "&scope=" + pick(r, "https://management.azure.com/.default",
                    "x", ""), "application/x-www-form-urlencoded", "login");
            case 17 -> new Call("GET", pick(r, "/common/discovery/instance?api-version=1.1&authorization_endpoint=" + URLEncoder.encode(
                    pick(r, "https://login.microsoftonline.com/common/oauth2/v2.0/authorize", "not a uri", "%%", "/x"), StandardCharsets.UTF_8),
                    "/" + pick(r, TENANT, "common", "nope") + "/v2.0/.well-known/openid-configuration", "/" + TENANT + "/discovery/v2.0/keys",
                    "/metadata/endpoints?api-version=2022-09-01", "/_emulator/identity", "/_emulator/health"), null, null, null, "discovery");
            case 18 -> {
                String template = "{\"$schema\":\"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\","
                        + "\"contentVersion\":\"1.0.0.0\",\"parameters\":{\"n\":{\"type\":\"int\",\"defaultValue\":" + r.nextInt(3) + "}},"
                        + "\"resources\":[{\"type\":\"Microsoft.Storage/storageAccounts\",\"apiVersion\":\"2023-05-01\","
                        + "\"name\":\"[concat('fzd', copyIndex())]\",\"location\":\"" + loc + "\",\"sku\":{\"name\":\"Standard_LRS\"},"
                        + "\"kind\":\"StorageV2\",\"copy\":{\"name\":\"s\",\"count\":\"[parameters('n')]\"}}],"
                        + "\"outputs\":{\"o\":{\"type\":\"string\",\"value\":\"" + pick(r, "[uniqueString(resourceGroup().id)]",
                        "[reference('fzd0').primaryEndpoints.blob]", "[substring('ab', 3)]", "[nope()]") + "\"}}}";
                String d = g + "/providers/Microsoft.Resources/deployments/d" + n;
                yield new Call(method(r, "PUT", "GET", "DELETE", "POST"), pick(r, d, d, d + "/validate", d + "/whatIf", d + "/cancel",
                        d + "/exportTemplate", d + "/operations", g + "/providers/Microsoft.Resources/deployments"), "2021-04-01",
                        "{\"properties\":{\"mode\":\"" + pick(r, "Incremental", "Incremental", "Complete") + "\",\"template\":" + template + "}}",
                        "application/json", "deployments");
            }
            default -> new Call(method(r, "GET", "PUT"), pick(r, "/subscriptions/" + SUB + "/providers/Microsoft.Nope/things/x",
                    "/subscriptions/" + SUB + "/resourceGroups/fz1/providers/Microsoft.ContainerService/nopes/x", "/nothing/here",
                    "/subscriptions/" + pick(r, "not-a-guid", guid(r)) + "/resourcegroups", "//subscriptions//" + SUB), pick(r, "2021-04-01", "x"),
                    "{}", "application/json", "unknownPaths");
        };
    }

    private static Call mutate(Random r, Call c) {
        int roll = r.nextInt(10);
        if (roll < 5) {
            return c;
        }
        String apiVersion = c.apiVersion();
        String body = c.body();
        String contentType = c.contentType();
        String path = c.path();
        switch (r.nextInt(7)) {
            case 0 -> apiVersion = r.nextBoolean() ? null : pick(r, BAD_VERSIONS);
            case 1 -> body = body == null || !body.startsWith("{") ? body : mutateJson(r, body);
            case 2 -> body = pick(r, "", "[]", "null", "{", "{\"location\":", "\"x\"", "{\"properties\":[]}", "{\"a\":" + "[".repeat(3000),
                    "\u0000\u0001", "{\"location\":\"westus\",\"location\":\"eastus\"}");
            case 3 -> contentType = pick(r, "text/plain", "application/xml", "application/json; charset=latin1", null);
            case 4 -> path = path + pick(r, "/", "//", "/extra/segments", "%00", "?$top=" + pick(r, "-1", "x", "100000"), "?$skiptoken=garbage");
            case 5 -> {
                if (body != null && body.startsWith("{")) {
                    for (int i = 0; i < 3; i++) {
                        body = mutateJson(r, body);
                    }
                }
            }
            default -> apiVersion = apiVersion == null ? null : apiVersion.toUpperCase(java.util.Locale.ROOT);
        }
        return new Call(c.method(), path, apiVersion, body, contentType, c.family());
    }

    private static String mutateJson(Random r, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            List<ObjectNode> objects = new ArrayList<>();
            collect(root, objects);
            ObjectNode target = objects.get(r.nextInt(objects.size()));
            List<String> fields = new ArrayList<>();
            target.fieldNames().forEachRemaining(fields::add);
            String field = fields.isEmpty() || r.nextInt(5) == 0 ? "unknownField" + r.nextInt(3) : fields.get(r.nextInt(fields.size()));
            switch (r.nextInt(9)) {
                case 0 -> target.remove(field);
                case 1 -> target.putNull(field);
                case 2 -> target.put(field, r.nextInt(3) == 0 ? Long.MAX_VALUE : -1 - r.nextInt(5));
                case 3 -> target.put(field, 1e308);
                case 4 -> target.put(field, "x".repeat(r.nextBoolean() ? 5000 : 1));
                case 5 -> target.put(field, r.nextBoolean());
                case 6 -> target.putArray(field).add(1).addObject();
                case 7 -> target.putObject(field).put("nested", "value");
                default -> target.put(field, "\u00e9\u0000\ud83d\ude00");
            }
            return JSON.writeValueAsString(root);
        } catch (Exception e) {
            return body;
        }
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
            o.elements().forEachRemaining(c -> collect(c, out));
        } else if (n instanceof ArrayNode a) {
            a.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    // ---- what is checked -------------------------------------------------------------------------

    private HttpResponse<String> request(HttpClient http, String method, String pathAndQuery, String body, String contentType) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(EMULATOR.url() + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer fuzz").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private final ThreadLocal<String> previous = ThreadLocal.withInitial(() -> "none");

    private void send(HttpClient http, Call c) {
        String url = c.path();
        if (c.apiVersion() != null) {
            url += (url.contains("?") ? "&" : "?") + "api-version=" + c.apiVersion();
        }
        String what = c.method() + " " + url;
        families.computeIfAbsent(c.family(), k -> new AtomicInteger()).incrementAndGet();
        sent.incrementAndGet();
        HttpResponse<String> res;
        try {
            URI.create(EMULATOR.url() + url);
            res = request(http, c.method(), url, c.method().equals("GET") || c.method().equals("HEAD") ? null : c.body(), c.contentType());
        } catch (IllegalArgumentException e) {
            return; // a URL the client library itself refuses to send
        } catch (Exception e) {
            problems.add(what + " -> no answer: " + e + " (after " + previous.get() + ")");
            return;
        }
        int status = res.statusCode();
        previous.set(what + " -> " + status + " " + res.headers().firstValue("connection").orElse("") + " body " + abbreviate(c.body()));
        if (status >= 500) {
            problems.add(what + " -> " + status + " " + abbreviate(res.body()) + " (body " + abbreviate(c.body()) + ")" + history(http, c.path()));
            return;
        }
        if (res.headers().firstValue("x-ms-request-id").isEmpty()) {
            problems.add(what + " -> " + status + " without x-ms-request-id");
        }
        if (status >= 400) {
            clientErrors.incrementAndGet();
            if (!c.method().equals("HEAD") && !errorShaped(res.body(), c.family())) {
                problems.add(what + " -> " + status + " not an ARM error body: " + abbreviate(res.body()) + " (request id "
                        + res.headers().firstValue("x-ms-request-id").orElse("none") + ", after " + previous.get() + ")");
            }
        }
    }

    /** What the journal holds of the calls on the same resource before a failure, oldest first. */
    private String history(HttpClient http, String path) {
        try {
            String[] parts = path.split("\\?")[0].replaceAll("/+$", "").split("/");
            String tail = parts.length > 2 ? parts[parts.length - 2] + "/" + parts[parts.length - 1] : path;
            JsonNode j = JSON.readTree(request(http, "GET", "/_emulator/requests?limit=500", null, null).body());
            List<String> out = new ArrayList<>();
            for (JsonNode e : j.path("value")) {
                if (e.path("path").asText().contains(tail)) {
                    out.add(0, e.path("method").asText() + " " + e.path("path").asText() + "?" + e.path("query").asText() + " " + e.path("status").asInt()
                            + " @" + e.path("virtualTime").asText());
                }
            }
            return " history " + out;
        } catch (Exception e) {
            return " (no history: " + e + ")";
        }
    }

    private static boolean errorShaped(String body, String family) {
        try {
            JsonNode n = JSON.readTree(body);
            JsonNode e = n.path("error");
            if (e.isObject()) {
                return e.path("code").isTextual() && !e.path("code").asText().isBlank() && e.path("message").isTextual();
            }
            // The login endpoints answer as Entra does: error and error_description.
            return family.equals("login") || family.equals("discovery") ? e.isTextual() && n.path("error_description").isTextual() : false;
        } catch (Exception ex) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Every listed resource answers its GET with its own id; each region's vCPU usage equals its clusters' pool cores. */
    private void checkWorld(HttpClient http) throws Exception {
        JsonNode groups = JSON.readTree(request(http, "GET", "/subscriptions/" + SUB + "/resourcegroups?api-version=2021-04-01", null, null).body());
        Map<String, Integer> cores = new TreeMap<>();
        Map<String, Integer> uncertain = new TreeMap<>();
        Map<String, Map<String, Integer>> sizes = new ConcurrentHashMap<>();
        for (JsonNode g : groups.path("value")) {
            String group = g.path("id").asText();
            getsItself(http, group, "2021-04-01");
            for (String[] list : new String[][] {{"Microsoft.ContainerService/managedClusters", "2024-09-01"},
                    {"Microsoft.MachineLearningServices/workspaces", "2024-04-01"}, {"Microsoft.Network/virtualNetworks", "2024-05-01"},
                    {"Microsoft.Network/routeTables", "2024-05-01"}, {"Microsoft.Storage/storageAccounts", "2023-05-01"},
                    {"Microsoft.KeyVault/vaults", "2023-07-01"}, {"Microsoft.ContainerRegistry/registries", "2023-07-01"}}) {
                HttpResponse<String> res = request(http, "GET", group + "/providers/" + list[0] + "?api-version=" + list[1], null, null);
                if (res.statusCode() != 200) {
                    problems.add("list " + group + "/" + list[0] + " -> " + res.statusCode() + " " + abbreviate(res.body()));
                    continue;
                }
                for (JsonNode item : JSON.readTree(res.body()).path("value")) {
                    JsonNode got = getsItself(http, item.path("id").asText(), list[1]);
                    if (got != null && list[0].endsWith("managedClusters")) {
                        String location = got.path("location").asText();
                        Map<String, Integer> byName = sizes.computeIfAbsent(location, l -> vmCores(http, l));
                        // A stopped cluster holds no vCPUs; a failed or canceled one holds them unless its create is what failed,
                        // which its body does not tell: those count towards the upper bound only.
                        boolean stopped = "Stopped".equals(got.path("properties").path("powerState").path("code").asText());
                        boolean unsure = List.of("Failed", "Canceled").contains(got.path("properties").path("provisioningState").asText());
                        for (JsonNode p : got.path("properties").path("agentPoolProfiles")) {
                            int c = stopped ? 0 : p.path("count").asInt() * byName.getOrDefault(p.path("vmSize").asText(), 0);
                            cores.merge(location, unsure ? 0 : c, Integer::sum);
                            uncertain.merge(location, unsure ? c : 0, Integer::sum);
                        }
                    }
                }
            }
        }
        clusterCores.putAll(cores);
        for (Map.Entry<String, Integer> e : cores.entrySet()) {
            JsonNode quota = JSON.readTree(request(http, "GET", "/_emulator/quotas/" + SUB + "/" + e.getKey(), null, null).body());
            int used = quota.path("usage").path("cores").asInt(-1);
            int most = e.getValue() + uncertain.getOrDefault(e.getKey(), 0);
            if (used < e.getValue() || used > most) {
                problems.add("vCPU usage in " + e.getKey() + " is " + used + " but its running clusters' pools have " + e.getValue()
                        + " cores (" + most + " with the failed ones): " + abbreviate(quota.toString()));
            }
        }
    }

    private JsonNode getsItself(HttpClient http, String id, String apiVersion) throws Exception {
        HttpResponse<String> res = request(http, "GET", id + "?api-version=" + apiVersion, null, null);
        if (res.statusCode() != 200) {
            problems.add("listed " + id + " but its GET answered " + res.statusCode() + " " + abbreviate(res.body()));
            return null;
        }
        walked.incrementAndGet();
        JsonNode n = JSON.readTree(res.body());
        if (!n.path("id").asText().equalsIgnoreCase(id)) {
            problems.add("GET " + id + " answered the id " + n.path("id").asText());
        }
        return n;
    }

    private Map<String, Integer> vmCores(HttpClient http, String location) {
        Map<String, Integer> out = new ConcurrentHashMap<>();
        try {
            JsonNode sizes = JSON.readTree(request(http, "GET", "/subscriptions/" + SUB + "/providers/Microsoft.Compute/locations/" + location
                    + "/vmSizes?api-version=2024-07-01", null, null).body());
            for (Iterator<JsonNode> it = sizes.path("value").elements(); it.hasNext(); ) {
                JsonNode s = it.next();
                out.put(s.path("name").asText(), s.path("numberOfCores").asInt());
            }
        } catch (Exception e) {
            problems.add("vmSizes of " + location + ": " + e);
        }
        return out;
    }
}
