package dev.amlaks.emulator.providers.kubernetesconfiguration;

import java.util.Map;

/** What an extension keeps and never serves: the settings it was given as protected. */
record ExtensionState(Map<String, String> protectedSettings) {

    static final ExtensionState NONE = new ExtensionState(Map.of());

    ExtensionState {
        protectedSettings = protectedSettings == null ? Map.of() : Map.copyOf(protectedSettings);
    }
}
