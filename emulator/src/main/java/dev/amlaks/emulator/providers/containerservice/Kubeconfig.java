package dev.amlaks.emulator.providers.containerservice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The kubeconfigs AKS hands out, written by Jackson's YAML module: one cluster entry on the
 * cluster's API server (its private FQDN for a private cluster), trusting the emulator's CA, one
 * context and one token user per role ({@code clusterUser}, {@code clusterAdmin},
 * {@code clusterMonitoringUser}).
 */
final class Kubeconfig {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private Kubeconfig() {
    }

    /** The YAML of a kubeconfig for {@code role} on {@code server}. */
    static String yaml(String cluster, String group, String server, String role, String caPem) {
        String user = role + "_" + group + "_" + cluster;
        // The context is the cluster's name for both roles: az aks get-credentials --admin appends -admin itself.
        String context = cluster;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("apiVersion", "v1");
        config.put("clusters", List.of(entries("cluster", entries("certificate-authority-data",
                Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)), "server", "https://" + server + ":443"),
                "name", cluster)));
        config.put("contexts", List.of(entries("context", entries("cluster", cluster, "user", user), "name", context)));
        config.put("current-context", context);
        config.put("kind", "Config");
        config.put("preferences", Map.of());
        config.put("users", List.of(entries("name", user, "user", Map.of("token",
                UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "")))));
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kubeconfig could not be written", e);
        }
    }

    /** The same, base64-encoded, as {@code listCluster*Credential} answers it. */
    static String encoded(String cluster, String group, String server, String role, String caPem) {
        return Base64.getEncoder().encodeToString(yaml(cluster, group, server, role, caPem).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> entries(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
