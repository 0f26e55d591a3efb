package dev.amlaks.emulator.providers.containerservice;

import static dev.amlaks.emulator.testsupport.Arm.advance;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cluster's life after create: scale and upgrade through the whole-model PUT, 409 while busy, stop, start, abort. */
class ClusterLifecycleTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @BeforeAll
    static void group() {
        Arm.createGroup(EMULATOR, "life");
    }

    private static ObjectNode running(String name, int count) {
        ObjectNode b = Aks.body(name, count, "Standard_DS2_v2");
        Aks.put(EMULATOR, "life", name, b).then().statusCode(201);
        advance(EMULATOR, 600);
        return b;
    }

    @Test
    void a_second_mutation_while_creating_is_409_in_aks_words() {
        ObjectNode b = Aks.body("busy", 1, "Standard_DS2_v2");
        Aks.put(EMULATOR, "life", "busy", b).then().statusCode(201);
        Aks.firstPool(b).put("count", 2);
        Aks.put(EMULATOR, "life", "busy", b).then().statusCode(409).body("error.code", equalTo("OperationNotAllowed"))
                .body("error.message", equalTo("Operation is not allowed: Another operation (busy - Creating) is in progress, please wait"
                        + " for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details"));
        on(EMULATOR).queryParam("api-version", Aks.API).delete(Aks.cluster("life", "busy")).then().statusCode(409);
        advance(EMULATOR, 600);
        Aks.put(EMULATOR, "life", "busy", b).then().statusCode(200);
    }

    @Test
    void scale_through_the_whole_model_put_takes_three_minutes() {
        ObjectNode b = running("scaled", 1);
        Aks.firstPool(b).put("count", 4);
        Aks.put(EMULATOR, "life", "scaled", b).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Scaling"))
                .body("properties.agentPoolProfiles[0].count", equalTo(4));
        advance(EMULATOR, 179);
        Aks.get(EMULATOR, "life", "scaled").then().body("properties.provisioningState", equalTo("Scaling"));
        advance(EMULATOR, 1);
        Aks.get(EMULATOR, "life", "scaled").then().body("properties.provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("life", "scaled", "nodepool1")).then()
                .body("properties.count", equalTo(4)).body("properties.provisioningState", equalTo("Succeeded"));
    }

    @Test
    void upgrade_moves_only_along_the_catalogs_paths() {
        ObjectNode b = running("upgraded", 1);
        Aks.props(b).put("kubernetesVersion", "1.37.0");
        Aks.put(EMULATOR, "life", "upgraded", b).then().statusCode(400).body("error.code", equalTo("OperationNotAllowed"))
                .body("error.message", equalTo("Upgrading Kubernetes version 1.35.6 to 1.37.0 is not allowed. Available upgrades:"
                        + " [1.36.2 1.36.3]. Please see https://aka.ms/aks-supported-k8s-ver for version details."));
        Aks.props(b).put("kubernetesVersion", "1.35.5");
        Aks.put(EMULATOR, "life", "upgraded", b).then().statusCode(400)
                .body("error.message", startsWith("Downgrading Kubernetes version 1.35.6 to 1.35.5 is not allowed. Available upgrades: 1.36.2,1.36.3."));
        Aks.props(b).put("kubernetesVersion", "1.36.3");
        Aks.firstPool(b).put("orchestratorVersion", "1.36.3");
        Aks.put(EMULATOR, "life", "upgraded", b).then().statusCode(200)
                .body("properties.provisioningState", equalTo("Upgrading"))
                .body("properties.kubernetesVersion", equalTo("1.36.3"))
                .body("properties.currentKubernetesVersion", equalTo("1.35.6"));
        advance(EMULATOR, 480);
        Aks.get(EMULATOR, "life", "upgraded").then().body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.currentKubernetesVersion", equalTo("1.36.3"))
                .body("properties.agentPoolProfiles[0].currentOrchestratorVersion", equalTo("1.36.3"));
    }

    @Test
    void stop_and_start_move_the_power_state() {
        running("napping", 1);
        String stop = on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "napping") + "/stop")
                .then().statusCode(202).extract().header("Location");
        Aks.get(EMULATOR, "life", "napping").then().body("properties.provisioningState", equalTo("Stopping"));
        advance(EMULATOR, 180);
        Arm.call().get(stop).then().statusCode(204);
        Aks.get(EMULATOR, "life", "napping").then().body("properties.powerState.code", equalTo("Stopped"))
                .body("properties.agentPoolProfiles[0].powerState.code", equalTo("Stopped"));
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "napping") + "/stop").then().statusCode(400)
                .body("error.message", startsWith("managed cluster is not currently running, stopping cannot be performed"));
        ObjectNode b = Aks.body("napping", 2, "Standard_DS2_v2");
        Aks.put(EMULATOR, "life", "napping", b).then().statusCode(400)
                .body("error.message", equalTo("managed cluster is in Provisioning State(Succeeded) and Power State(Stopped), updating"
                        + " cannot be performed"));
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "napping") + "/start").then().statusCode(202);
        advance(EMULATOR, 180);
        Aks.get(EMULATOR, "life", "napping").then().body("properties.powerState.code", equalTo("Running"))
                .body("properties.provisioningState", equalTo("Succeeded"))
                .body("properties.agentPoolProfiles[0].powerState.code", equalTo("Running"));
        on(EMULATOR).queryParam("api-version", Aks.API).get(Aks.pool("life", "napping", "nodepool1")).then()
                .body("properties.powerState.code", equalTo("Running")).body("properties.provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "napping") + "/start").then().statusCode(400)
                .body("error.message", containsString("Power State(Running), starting cannot be performed"));
    }

    @Test
    void abort_cancels_the_running_operation() {
        ObjectNode b = running("aborted", 1);
        Aks.firstPool(b).put("count", 3);
        String status = Aks.put(EMULATOR, "life", "aborted", b).then().statusCode(200).extract().header("Azure-AsyncOperation");
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "aborted") + "/abort").then().statusCode(204);
        Arm.call().get(status).then().body("status", equalTo("Canceled")).body("error.code", equalTo("OperationCanceled"));
        Aks.get(EMULATOR, "life", "aborted").then().body("properties.provisioningState", equalTo("Canceled"));
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "aborted") + "/abort").then().statusCode(409)
                .body("error.code", equalTo("OperationNotAllowed"));
        advance(EMULATOR, 600);
        Aks.get(EMULATOR, "life", "aborted").then().body("properties.provisioningState", equalTo("Canceled"));
        Aks.put(EMULATOR, "life", "aborted", b).then().statusCode(200);
    }

    @Test
    void a_pool_abort_cancels_that_pools_operation_and_leaves_the_cluster_be() {
        running("poolaborted", 1);
        String pool = Aks.cluster("life", "poolaborted") + "/agentPools/extra";
        String status = on(EMULATOR).queryParam("api-version", Aks.API).body("{\"properties\":{\"count\":1,\"vmSize\":\"Standard_DS2_v2\"}}")
                .put(pool).then().statusCode(201).extract().header("Azure-AsyncOperation");
        on(EMULATOR).queryParam("api-version", Aks.API).post(pool + "/abort").then().statusCode(204);
        Arm.call().get(status).then().body("status", equalTo("Canceled"));
        on(EMULATOR).queryParam("api-version", Aks.API).get(pool).then().body("properties.provisioningState", equalTo("Canceled"));
        Aks.get(EMULATOR, "life", "poolaborted").then().body("properties.provisioningState", equalTo("Succeeded"));
        on(EMULATOR).queryParam("api-version", Aks.API).post(pool + "/abort").then().statusCode(409).body("error.code", equalTo("OperationNotAllowed"))
                .body("error.message", containsString("'extra'"));
        on(EMULATOR).queryParam("api-version", Aks.API).post(Aks.cluster("life", "poolaborted") + "/agentPools/none/abort").then().statusCode(404);
    }
}
