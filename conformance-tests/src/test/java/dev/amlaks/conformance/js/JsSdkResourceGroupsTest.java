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

/** @azure/arm-resources with @azure/identity (run by Node) against the target: the resource group flow. */
class JsSdkResourceGroupsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    void resource_groups_create_get_list_and_delete() throws Exception {
        Npm.requireNode();
        Path js = ClientProcess.moduleDir().resolve("js");
        Npm.install(js);
        try (ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String group = "js-sdk-" + UUID.randomUUID().toString().substring(0, 8);
            Processes.Result r = client.run(List.of("node", "resource-groups.mjs"), js, Map.of("GROUP_NAME", group))
                    .requireSuccess("node resource-groups.mjs");
            assertThat(r.stdout()).contains("\"created\":\"/subscriptions/" + TARGET.target().subscriptionId() + "/resourceGroups/" + group + "\"")
                    .contains("\"deleted\":true");
        }
    }
}
