package dev.amlaks.emulator.providers.policy;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;

/** Every refusal the policy service answers, named once. */
final class PolicyErrors {

    private PolicyErrors() {
    }

    static ArmException invalidAssignmentName(String name) {
        return new ArmException(400, new ArmError("InvalidPolicyAssignmentName", "The policy assignment name '" + name
                + "' is invalid: it must be 1 to 128 characters without <>*%&:\\?.+/.").withTarget("name"));
    }

    static ArmException invalidScope(String scope) {
        return new ArmException(400, new ArmError("InvalidPolicyScope", "The scope '" + scope
                + "' is not a subscription or resource group id: use /subscriptions/{GUID} or /subscriptions/{GUID}/resourceGroups/{name},"
                + " a group's name being 1 to 90 characters.")
                .withTarget("scope"));
    }
}
