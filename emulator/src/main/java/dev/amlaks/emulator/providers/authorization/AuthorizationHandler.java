package dev.amlaks.emulator.providers.authorization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.amlaks.emulator.spi.ArmCall;
import java.util.List;
import java.util.Optional;

/** HTTP in and out for role assignments and role definitions at any scope. */
final class AuthorizationHandler {

    private final RoleAssignmentService assignments;
    private final RoleDefinitions roles;

    AuthorizationHandler(RoleAssignmentService assignments, RoleDefinitions roles) {
        this.assignments = assignments;
        this.roles = roles;
    }

    void putAssignment(ArmCall call) {
        RoleAssignmentService.Written w = assignments.put(call.param("scope"), call.param("roleAssignmentName"), call.bodyObject(),
                call.caller().objectId());
        call.json(w.created() ? 201 : 200, w.body());
    }

    void getAssignment(ArmCall call) {
        call.json(200, assignments.get(call.param("scope"), call.param("roleAssignmentName")));
    }

    void deleteAssignment(ArmCall call) {
        Optional<String> gone = assignments.delete(call.param("scope"), call.param("roleAssignmentName"));
        if (gone.isPresent()) {
            call.json(200, gone.get());
        } else {
            call.empty(204);
        }
    }

    void listAssignments(ArmCall call) {
        answer(call, assignments.list(call.param("scope"), call.query("$filter")));
    }

    void listDefinitions(ArmCall call) {
        List<String> bodies = roles.list(call.param("scope"), call.query("$filter")).stream().map(ObjectNode::toString).toList();
        answer(call, bodies);
    }

    void getDefinition(ArmCall call) {
        call.json(200, roles.get(call.param("scope"), call.param("roleDefinitionId")).toString());
    }

    private static void answer(ArmCall call, List<String> bodies) {
        call.json(200, "{\"value\":[" + String.join(",", bodies) + "]}");
    }

}
