package dev.amlaks.emulator.templates;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One resource a deployment will write: its id, type, name and api-version (known before anything
 * is deployed), the declaration its body is evaluated from once its dependencies are deployed, and
 * the ids it waits for.
 *
 * @param path       where it is declared in the template ({@code resources[2]}, {@code resources[0].resources[1]})
 * @param loop       the resource loop it is an iteration of, or null
 * @param evaluator  the evaluator with its loop index in force
 * @param dependsOn  the ids (lower-cased) of the template's resources it waits for
 */
public record PlannedResource(String id, String type, String name, String apiVersion, String path, String loop, int index,
                              JsonNode declaration, Evaluator evaluator, Set<String> dependsOn) {

    /** Its key: the id lower-cased, as ARM compares ids. */
    public String key() {
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /** A nested deployment whose inner template is evaluated in its own scope ({@code expressionEvaluationOptions.scope: inner}). */
    public boolean innerScope() {
        return "inner".equalsIgnoreCase(declaration.path("properties").path("expressionEvaluationOptions").path("scope").asText());
    }
}
