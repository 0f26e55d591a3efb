package dev.amlaks.conformance.python;

import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.conformance.ClientProcess;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** azure-mgmt-resource with azure-identity (the Python SDK shipped with azure-cli) against the target. */
class PythonSdkResourceGroupsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    void resource_groups_create_get_list_and_delete() throws Exception {
        String python = Python.interpreter();
        try (ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String group = "py-sdk-" + UUID.randomUUID().toString().substring(0, 8);
            Processes.Result r = client.run(List.of(python, "resource_groups.py"), ClientProcess.moduleDir().resolve("python"),
                    Map.of("GROUP_NAME", group)).requireSuccess("python resource_groups.py");
            assertThat(r.stdout()).contains("\"created\": \"/subscriptions/" + TARGET.target().subscriptionId() + "/resourceGroups/" + group + "\"")
                    .contains("\"deleted\": true");
        }
    }
}
