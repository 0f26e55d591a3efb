package dev.amlaks.conformance.js;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @azure/arm-containerservice (the modular client, on Node) against the target: versions, create, list, delete a cluster. */
class JsSdkAksTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    void a_cluster_is_created_and_deleted() throws Exception {
        Npm.requireNode();
        Path js = ClientProcess.moduleDir().resolve("js");
        Npm.install(js);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        try (ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            Processes.Result r = client.run(List.of("node", "aks.mjs"), js, Map.of("GROUP_NAME", "js-aks-" + suffix,
                    "CLUSTER_NAME", "jsaks" + suffix)).requireSuccess("node aks.mjs");
            assertThat(r.stdout()).contains("/managedClusters/jsaks" + suffix).contains("\"deleted\":true");
        }
    }
}
