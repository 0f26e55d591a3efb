package dev.amlaks.emulator.providers.machinelearning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code getLogs} shows of a deployment's containers: the storage initializer fetching the
 * model and code, the inference server pulling its image and starting the scoring script; or,
 * while its pods cannot be scheduled, the scheduler's event. Stamped with the virtual clock.
 */
final class DeploymentLogs {

    private DeploymentLogs() {
    }

    static List<String> lines(OnlineDeployment d, String container) {
        List<String> out = new ArrayList<>();
        DeploymentState s = d.internal();
        String pod = d.id().name() + "-" + d.id().parent().name() + "-0";
        if (Boolean.FALSE.equals(s.scheduled())) {
            out.add(stamp(s.decidedAt()) + " Warning FailedScheduling pod/" + pod + ": " + s.schedulerMessage());
            out.add("The pod is Pending: its containers never started, so " + container + " has written nothing.");
            return out;
        }
        if (s.scheduled() == null) {
            out.add("The deployment's pods are being created: " + container + " has not started yet.");
            return out;
        }
        long t = s.decidedAt();
        String model = d.model() == null ? "(none)" : d.model();
        String script = d.otherProperties().path("codeConfiguration").path("scoringScript").asText("score.py");
        String code = d.otherProperties().path("codeConfiguration").path("codeId").asText(null);
        if (container.equals("StorageInitializer")) {
            out.add(stamp(t) + " Downloading model " + model + " to /var/azureml-app/azureml-models");
            out.add(stamp(t) + " Model downloaded");
            if (code != null) {
                out.add(stamp(t) + " Downloading code " + code + " to /var/azureml-app");
                out.add(stamp(t) + " Code downloaded");
            }
            out.add(stamp(t) + " Storage initializer finished");
            return out;
        }
        out.add(stamp(t) + " Pulling the image of environment " + (d.environmentId() == null ? "(none)" : d.environmentId()));
        out.add(stamp(t) + " Successfully pulled the image");
        out.add(stamp(t) + " Azure ML Inferencing HTTP server starting");
        out.add(stamp(t) + " AZUREML_MODEL_DIR=/var/azureml-app/azureml-models (model " + model + " mounted)");
        out.add(stamp(t) + " Scoring script: /var/azureml-app/" + script);
        out.add(stamp(t) + " Users's init has completed successfully");
        out.add(stamp(t) + " Listening at: http://0.0.0.0:5001 (" + d.instances() + " instance(s))");
        return out;
    }

    private static String stamp(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
