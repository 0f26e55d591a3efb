package dev.amlaks.emulator.providers.machinelearning;

/**
 * What a deployment keeps and never serves: when its instances last started or why they could
 * not be scheduled (what {@code getLogs} tells), and the answer the scoring side gives for it,
 * set through the control API (null: the echo envelope).
 *
 * @param scheduled null until the scheduler decided; then whether every instance found a node
 * @param schedulerMessage Kubernetes' FailedScheduling message when one did not
 * @param decidedAt virtual millis the scheduler last decided at: its containers started then, or its pods stayed Pending
 */
record DeploymentState(Boolean scheduled, String schedulerMessage, long decidedAt, Integer responseStatus, String responseBody,
                       Long responseLatencyMillis) {

    static final DeploymentState NONE = new DeploymentState(null, null, 0, null, null, null);

    DeploymentState started(long at) {
        return new DeploymentState(true, null, at, responseStatus, responseBody, responseLatencyMillis);
    }

    /** What the scoring side answers for this deployment from now on (all null: the echo envelope). */
    DeploymentState answering(Integer status, String body, Long latencyMillis) {
        return new DeploymentState(scheduled, schedulerMessage, decidedAt, status, body, latencyMillis);
    }

    DeploymentState unschedulable(String message, long at) {
        return new DeploymentState(false, message, at, responseStatus, responseBody, responseLatencyMillis);
    }
}
