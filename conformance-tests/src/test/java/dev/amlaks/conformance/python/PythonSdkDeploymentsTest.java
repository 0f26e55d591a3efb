package dev.amlaks.conformance.python;

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

/** The quickstart template deployed with azure-mgmt-resource's deployments.begin_create_or_update, and a cycle refused by validate. */
class PythonSdkDeploymentsTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    void the_quickstart_deploys_with_the_python_sdk() throws Exception {
        String python = Python.interpreter();
        try (ClientProcess client = new ClientProcess(TARGET.target(), TARGET.scratch())) {
            String group = "py-dep-" + UUID.randomUUID().toString().substring(0, 8);
            Path template = Path.of("..", "docs", "templates", "aks-ml-quickstart.json").toAbsolutePath().normalize();
            Processes.Result r = client.run(List.of(python, "deployments.py"), ClientProcess.moduleDir().resolve("python"),
                    Map.of("GROUP_NAME", group, "TEMPLATE_FILE", template.toString())).requireSuccess("python deployments.py");
            assertThat(r.stdout()).contains("/resourceGroups/" + group + "/providers/Microsoft.Resources/deployments/pyquick")
                    .contains("/workspaces/pyws/computes/py-inference").contains("\"operations\": 7").contains("\"refused\": \"InvalidTemplate\"");
        }
    }
}
