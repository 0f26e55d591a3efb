package dev.amlaks.emulator.providers.deployments;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.templates.TemplateException;
import java.util.List;

/** The errors of template deployments, in ARM's words. */
final class DeploymentErrors {

    private DeploymentErrors() {
    }

    static ArmError invalidTemplate(TemplateException e, String deploymentId) {
        return new ArmError("InvalidTemplate", "Deployment template validation failed: '" + e.getMessage() + "'.", deploymentId, List.of());
    }

    static ArmException invalidTemplateRequest(TemplateException e, String deploymentId) {
        return new ArmException(400, invalidTemplate(e, deploymentId));
    }

    static ArmException templateParseFailed(String what) {
        return ArmException.badRequest("InvalidTemplate", "Deployment template parse failed: '" + what + "'");
    }

    static ArmException invalidContent(String what) {
        return ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: '" + what + "'.");
    }

    static ArmException missingTemplate() {
        return ArmException.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: 'Required"
                + " property 'template' not found in JSON. Path 'properties'.'. Give the template in properties.template.");
    }

    static ArmException templateLinkNotServed(String uri) {
        return ArmException.badRequest("InvalidTemplateLink", "The template link '" + uri + "' cannot be downloaded: the emulator works"
                + " offline. Send the template itself in properties.template (az deployment group create --template-file).");
    }

    static ArmException invalidMode(String mode) {
        return ArmException.badRequest("InvalidDeploymentMode", "The deployment mode '" + mode + "' is not valid. The supported modes are"
                + " 'Incremental' and 'Complete'.");
    }

    static ArmException completeAtSubscription() {
        return ArmException.badRequest("InvalidDeploymentMode", "The deployment mode 'Complete' is not supported for a deployment at"
                + " subscription scope. Use 'Incremental'.");
    }

    static ArmException invalidFilter(String filter) {
        return ArmException.badRequest("InvalidFilterInQueryString", "Invalid $filter '" + filter + "' specified in the query string."
                + " A deployment list takes provisioningState eq '{state}', such as provisioningState eq 'Failed'.");
    }

    static ArmException notFound(String name) {
        return ArmException.notFound("DeploymentNotFound", "Deployment '" + name + "' could not be found.");
    }

    static ArmException operationNotFound(String name, String operationId) {
        return ArmException.notFound("DeploymentOperationNotFound", "The operation '" + operationId + "' of deployment '" + name
                + "' could not be found.");
    }

    static ArmException active(String name) {
        return ArmException.conflict("DeploymentActive", "The deployment '" + name + "' cannot be deleted because it is still running."
                + " Cancel it first (POST .../deployments/" + name + "/cancel) or wait for it to end.");
    }

    static ArmException running(String name) {
        return ArmException.conflict("DeploymentActive", "The deployment '" + name + "' is still running; a deployment of the same name"
                + " can start only when it has ended. Cancel it (POST .../deployments/" + name + "/cancel) or wait for it.");
    }

    static ArmException cannotCancel(String name, String state) {
        return ArmException.conflict("DeploymentCannotBeCancelled", "The deployment '" + name + "' cannot be cancelled because it is in"
                + " the terminal state '" + state + "'. Only an Accepted or Running deployment can be cancelled.");
    }

    static ArmException invalidName(String name) {
        return ArmException.badRequest("InvalidDeploymentName", "The deployment name '" + name + "' is not valid: it can be 1 to 64"
                + " characters long and contain only letters, digits, '-', '.', '_' and '(' ')'.");
    }

    static ArmError deploymentFailed(String deploymentId, List<ArmError> details) {
        return new ArmError("DeploymentFailed", "At least one resource deployment operation failed. Please list deployment operations for"
                + " details. Please see https://aka.ms/arm-deployment-operations for usage details.", deploymentId, details);
    }

    /** A resource whose long-running operation ended Failed: ARM wraps the provider's error. */
    static ArmError resourceFailed(String resourceId, ArmError inner) {
        return new ArmError("ResourceDeploymentFailure", "The resource write operation failed to complete successfully, because it reached"
                + " terminal provisioning state 'Failed'.", resourceId, inner == null ? List.of() : List.of(inner));
    }

    static ArmError resourceNotEvaluated(String resourceId, TemplateException e) {
        return new ArmError("InvalidTemplate", "Unable to process template language expressions for resource '" + resourceId + "': "
                + e.getMessage(), resourceId, List.of());
    }

    static ArmError outputsFailed(String deploymentId, TemplateException e) {
        return new ArmError("DeploymentOutputEvaluationFailed", "Unable to evaluate template outputs: " + e.getMessage(), deploymentId, List.of());
    }

    /** A resource operation that ended without an error body of its own. */
    static ArmError ended(String status) {
        return new ArmError(status, "The operation ended " + status + ".");
    }

    /** An answer of the resource provider that is not an ARM error body. */
    static ArmError answered(String code, int status, String body) {
        return new ArmError(code, "The request answered " + status + (body == null || body.isBlank() ? "." : ": " + body));
    }

    static ArmError unreachable(String why) {
        return new ArmError("ServiceUnavailable", "The deployment could not reach the resource provider: " + why);
    }

    static ArmError canceled(String deploymentId) {
        return new ArmError("DeploymentCanceled", "The deployment was canceled.", deploymentId, List.of());
    }
}
