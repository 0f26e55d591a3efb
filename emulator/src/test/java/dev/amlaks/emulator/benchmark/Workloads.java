package dev.amlaks.emulator.benchmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** The workloads that need a real client's logic: filling the store, cluster creates, and the seed's lifecycle. */
final class Workloads {

    static final String RG_API = "2021-04-01";
    static final String AKS_API = "2022-11-01";
    static final String ML_API = "2022-10-01";
    static final String SUB_PATH = "/subscriptions/" + Client.SUB;

    private Workloads() {
    }

    static String group(String name) {
        return SUB_PATH + "/resourceGroups/" + name;
    }

    static String cluster(String group, String name) {
        return group(group) + "/providers/Microsoft.ContainerService/managedClusters/" + name;
    }

    static String workspace(String group, String name) {
        return group(group) + "/providers/Microsoft.MachineLearningServices/workspaces/" + name;
    }

    static String clusterBody(String name, int count, String vmSize) {
        return "{\"location\":\"eastus\",\"properties\":{\"dnsPrefix\":\"" + name + "\",\"agentPoolProfiles\":[{\"name\":\"nodepool1\","
                + "\"count\":" + count + ",\"vmSize\":\"" + vmSize + "\",\"mode\":\"System\"}]}}";
    }

    /** Room for every cluster the workloads make: vCPU quota is a rule the emulator keeps, so the benchmark raises it. */
    static void roomForClusters(Client c) {
        c.call("PUT", "/_emulator/quotas/" + Client.SUB + "/eastus", "{\"cores\":10000000,\"standardDv2Family\":10000000}", 200);
    }

    /** Creates resource groups {@code prefix-from .. prefix-(to-1)} with {@code threads} synchronous clients. */
    static void groups(Client c, String prefix, int from, int to, int threads) throws Exception {
        AtomicLong next = new AtomicLong(from);
        runAll(threads, () -> {
            for (long i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                c.call("PUT", group(prefix + "-" + String.format("%07d", i)) + "?api-version=" + RG_API, "{\"location\":\"eastus\"}", 201);
            }
        });
    }

    /** A workspace with its storage account, key vault and Application Insights in {@code group}, settled. */
    static String workspace(Client c, String group, String name) {
        String gp = group(group);
        String compact = name.replaceAll("[^a-z0-9]", "");
        String storage = gp + "/providers/Microsoft.Storage/storageAccounts/" + compact + "st";
        String vault = gp + "/providers/Microsoft.KeyVault/vaults/" + compact + "kv";
        String insights = gp + "/providers/Microsoft.Insights/components/" + name + "-ai";
        c.settle(c.call("PUT", storage + "?api-version=2022-09-01",
                "{\"location\":\"eastus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}", 202), 60);
        c.call("PUT", vault + "?api-version=2022-07-01", "{\"location\":\"eastus\",\"properties\":{\"tenantId\":"
                + "\"00000000-0000-4000-8000-00000000a001\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"accessPolicies\":[]}}", 201);
        c.call("PUT", insights + "?api-version=2020-02-02",
                "{\"location\":\"eastus\",\"kind\":\"web\",\"properties\":{\"Application_Type\":\"web\"}}", 200);
        String ws = workspace(group, name);
        c.settle(c.call("PUT", ws + "?api-version=" + ML_API, "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                + "\"properties\":{\"storageAccount\":\"" + storage + "\",\"keyVault\":\"" + vault + "\",\"applicationInsights\":\""
                + insights + "\"}}", 202), 60);
        return ws;
    }

    /**
     * The seed's lifecycle, once: a workspace; a compute Azure ML creates (with its AKS cluster); a
     * cluster made in AKS and attached; the created one scaled; the attached one detached; then
     * the compute, the cluster and the workspace deleted; every answer is checked by {@code c}.
     */
    static void lifecycle(Client c, String group, int client, long round) {
        String tag = client + "x" + round;
        String ws = workspace(c, group, "ws" + tag);
        String created = ws + "/computes/c" + tag;
        String attached = ws + "/computes/t" + tag;
        String ml = "?api-version=" + ML_API;
        // create: Azure ML makes the cluster (production: 3 x Standard_D3_v2, L8's minimum)
        c.settle(c.call("PUT", created + ml, "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"AKS\"}}", 201), 600);
        // attach: a cluster made through AKS itself
        String aks = cluster(group, "k" + tag);
        c.settle(c.call("PUT", aks + "?api-version=" + AKS_API, clusterBody("k" + tag, 3, "Standard_D3_v2"), 201), 600);
        String aksId = c.call("GET", aks + "?api-version=" + AKS_API, null, 200).body().path("id").asText();
        c.settle(c.call("PUT", attached + ml, "{\"location\":\"eastus\",\"properties\":{\"computeType\":\"AKS\",\"resourceId\":\""
                + aksId + "\"}}", 201), 600);
        // scale: a PUT changing agentCount (L9's way through AKS)
        Client.Answer now = c.call("GET", created + ml, null, 200);
        if (now.body().path("properties").path("properties") instanceof ObjectNode props) {
            props.put("agentCount", 4);
            c.settle(c.call("PUT", created + ml, now.body().toString(), 200), 600);
        } else {
            c.miss("GET " + created + " has no properties.properties");
        }
        // detach, then delete
        c.settle(c.call("DELETE", attached + ml + "&underlyingResourceAction=Detach", null, 202), 600);
        c.settle(c.call("DELETE", created + ml + "&underlyingResourceAction=Delete", null, 202), 600);
        c.settle(c.call("DELETE", aks + "?api-version=" + AKS_API, null, 202), 600);
        c.settle(c.call("DELETE", ws + ml, null, 200, 202), 600);
    }

    /** Runs {@code work} on {@code threads} threads and waits for all; the first failure is rethrown. */
    static void runAll(int threads, ThrowingRunnable work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    work.run();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
