package dev.amlaks.emulator.providers.deployments;

import dev.amlaks.emulator.arm.Json;
import dev.amlaks.emulator.operations.Operation;
import dev.amlaks.emulator.spi.ArmCall;
import dev.amlaks.emulator.spi.Lists;
import dev.amlaks.emulator.spi.Lro;
import dev.amlaks.emulator.store.StoredResource;

/** HTTP in and out for {@code Microsoft.Resources/deployments} at resource-group and subscription scope. */
final class DeploymentHandler {

    private final DeploymentService deployments;
    private final Lists lists;
    private final Lro lro;

    DeploymentHandler(DeploymentService deployments, Lists lists, Lro lro) {
        this.deployments = deployments;
        this.lists = lists;
        this.lro = lro;
    }

    private static DeploymentService.Scope scope(ArmCall call) {
        return new DeploymentService.Scope(call.param("subscriptionId"), call.paramOrNull("resourceGroupName"));
    }

    void put(ArmCall call) {
        DeploymentService.Written w = deployments.createOrUpdate(scope(call), call.param("deploymentName"), call.body(), call.caller());
        call.header("Azure-AsyncOperation", call.baseUrl() + w.row().id() + "/operationStatuses/" + w.operationId() + "?api-version="
                + call.apiVersion());
        call.header("Retry-After", Integer.toString(lro.retryAfterSeconds()));
        call.json(w.created() ? 201 : 200, w.row().body());
    }

    void get(ArmCall call) {
        call.json(200, deployments.get(scope(call), call.param("deploymentName")).body());
    }

    void head(ArmCall call) {
        deployments.get(scope(call), call.param("deploymentName"));
        call.empty(204);
    }

    void list(ArmCall call) {
        Lists.PageRequest page = lists.request(call);
        String filter = call.query("$filter");
        String state = filter == null ? null : filter.replaceAll("(?i)^\\s*provisioningState\\s+eq\\s+'([^']*)'\\s*$", "$1");
        if (filter != null && state.equals(filter)) {
            throw DeploymentErrors.invalidFilter(filter);
        }
        lists.answer(call, deployments.list(scope(call), page.afterKey(), page.size()),
                (StoredResource r) -> state == null || state.equalsIgnoreCase(r.provisioningState()));
    }

    void delete(ArmCall call) {
        Operation op = deployments.delete(scope(call), call.param("deploymentName"), call.apiVersion());
        if (op == null) {
            call.empty(204);
        } else {
            lro.acceptedByLocation(call, op);
        }
    }

    void status(ArmCall call) {
        var status = deployments.status(scope(call), call.param("deploymentName"));
        if (!DeploymentState.terminal(status.path("status").asText())) {
            call.header("Retry-After", Integer.toString(lro.retryAfterSeconds()));
        }
        call.json(200, Json.write(status));
    }

    void validate(ArmCall call) {
        call.json(200, deployments.validate(scope(call), call.param("deploymentName"), call.body(), call.caller()));
    }

    void whatIf(ArmCall call) {
        lro.acceptedByLocation(call, deployments.whatIf(scope(call), call.param("deploymentName"), call.body(), call.caller(),
                call.apiVersion()));
    }

    void cancel(ArmCall call) {
        deployments.cancel(scope(call), call.param("deploymentName"));
        call.empty(204);
    }

    void exportTemplate(ArmCall call) {
        call.json(200, Json.write(deployments.exportTemplate(scope(call), call.param("deploymentName"))));
    }

    void operations(ArmCall call) {
        Lists.answerAll(call, deployments.operationsOf(scope(call), call.param("deploymentName")));
    }

    void operation(ArmCall call) {
        call.json(200, Json.write(deployments.operation(scope(call), call.param("deploymentName"), call.param("operationId"))));
    }
}
