package dev.amlaks.emulator.providers.containerservice;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** The kubeconfigs AKS hands out: a cluster entry on the cluster's FQDN (its private FQDN for private clusters) and a token user. */
final class Kubeconfig {

    private Kubeconfig() {
    }

    /** Base64 of a kubeconfig for {@code role} (clusterUser, clusterAdmin, clusterMonitoringUser). */
    static String encoded(String cluster, String group, String server, String role, String caPem) {
        String user = role + "_" + group + "_" + cluster;
        String context = "clusterAdmin".equals(role) ? cluster + "-admin" : cluster;
        String yaml = "apiVersion: v1\n"
                + "clusters:\n"
                + "- cluster:\n"
                + "    certificate-authority-data: " + Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)) + "\n"
                + "    server: https://" + server + ":443\n"
                + "  name: " + cluster + "\n"
                + "contexts:\n"
                + "- context:\n"
                + "    cluster: " + cluster + "\n"
                + "    user: " + user + "\n"
                + "  name: " + context + "\n"
                + "current-context: " + context + "\n"
                + "kind: Config\n"
                + "preferences: {}\n"
                + "users:\n"
                + "- name: " + user + "\n"
                + "  user:\n"
                + "    token: " + UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "") + "\n";
        return Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
