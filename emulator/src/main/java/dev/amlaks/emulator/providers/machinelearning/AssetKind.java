package dev.amlaks.emulator.providers.machinelearning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The kinds of registered assets a deployment names: what a version must say (its location, or
 * for an environment an image or a build) and what the service fills in; every other property of a
 * version is fixed once registered but its description, tags, properties and archive flag.
 */
enum AssetKind {

    MODEL("models", "model", List.of("modelUri")) {
        @Override
        void fill(ObjectNode p) {
            putIfAbsent(p, "modelType", "custom_model");
        }
    },
    ENVIRONMENT("environments", "environment", List.of("image", "build")) {
        @Override
        void fill(ObjectNode p) {
            p.put("environmentType", "UserCreated");
            putIfAbsent(p, "osType", "Linux");
            putIfAbsent(p, "autoRebuild", "Disabled");
        }
    },
    CODE("codes", "code", List.of("codeUri")) {
        @Override
        void fill(ObjectNode p) {
        }
    };

    /** What may change on a registered version. */
    static final List<String> MUTABLE = List.of("description", "tags", "properties", "isArchived", "stage");

    final String segment;
    final String noun;
    /** One of these must be given (a location, or an image or build). */
    final List<String> oneOf;

    AssetKind(String segment, String noun, List<String> oneOf) {
        this.segment = segment;
        this.noun = noun;
        this.oneOf = oneOf;
    }

    abstract void fill(ObjectNode versionProperties);


    private static void putIfAbsent(ObjectNode p, String field, String value) {
        if (!p.hasNonNull(field)) {
            p.put(field, value);
        }
    }
}
