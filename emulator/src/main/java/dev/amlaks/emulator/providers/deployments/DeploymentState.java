package dev.amlaks.emulator.providers.deployments;

import com.fasterxml.jackson.databind.JsonNode;
import dev.amlaks.emulator.arm.ArmError;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment's private state, kept beside its served body: what was sent (the template and the
 * parameter values, secure ones included, which the body never shows), the virtual times, and each
 * resource operation it has made. Mutable: the runner changes it and writes it back in one transaction.
 */
final class DeploymentState {

    static final String ACCEPTED = "Accepted";
    static final String RUNNING = "Running";
    static final String SUCCEEDED = "Succeeded";
    static final String FAILED = "Failed";
    static final String CANCELED = "Canceled";

    public JsonNode template;
    public JsonNode parameters;
    public String mode = "Incremental";
    public String location;
    public JsonNode tags;
    public String status = ACCEPTED;
    public long startedAt;
    public Long endedAt;
    public String correlationId;
    public String tenantId;
    public String appId;
    public boolean deletionsPlanned;
    public ArmError error;
    public JsonNode outputs;
    public JsonNode shownParameters;
    public JsonNode providers;
    public JsonNode dependencies;
    public String templateHash;
    public List<Step> steps = new ArrayList<>();

    boolean terminal() {
        return terminal(status);
    }

    /** Whether a deployment in {@code status} has ended (what a stored row's provisioningState tells without reading its state). */
    static boolean terminal(String status) {
        return SUCCEEDED.equals(status) || FAILED.equals(status) || CANCELED.equals(status);
    }

    Step step(String id) {
        for (Step s : steps) {
            if (s.id.equalsIgnoreCase(id)) {
                return s;
            }
        }
        return null;
    }

    /** One resource operation of the deployment: what {@code az deployment operation group list} shows. */
    static final class Step {
        static final String PENDING = "Pending";

        public String id;
        public String type;
        public String name;
        /** Create, or Delete (Complete mode removing what the template no longer names). */
        public String operation = "Create";
        public String state = PENDING;
        public String pollUrl;
        /** {@code async} (Azure-AsyncOperation) or {@code location}. */
        public String pollKind;
        public String statusCode;
        public ArmError error;
        public boolean failedAsync;
        public Long startedAt;
        public Long endedAt;
        public String operationId;
        public String trackingId;

        boolean running() {
            return RUNNING.equals(state);
        }

        boolean succeeded() {
            return SUCCEEDED.equals(state);
        }

        boolean failed() {
            return FAILED.equals(state);
        }
    }
}
