package dev.amlaks.emulator.providers.machinelearning;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the emulator keeps about a workspace and never serves in its body: the keys {@code listKeys}
 * hands out (made once, at create) and the workspace's own dedicated-vCPU limits per VM family
 * (set through {@code updateQuotas}, absent ones follow the subscription's).
 */
record WorkspaceState(String userStorageKey, String appInsightsInstrumentationKey, String notebookPrimary, String notebookSecondary,
                      String registryPassword, String registryPassword2, Map<String, Long> quotas) {

    static final WorkspaceState NONE = new WorkspaceState("", "", "", "", "", "", Map.of());

    private static final SecureRandom RANDOM = new SecureRandom();

    WorkspaceState {
        quotas = quotas == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(quotas));
    }

    /** The keys of a new workspace. */
    static WorkspaceState fresh() {
        return new WorkspaceState(secret(64), UUID.randomUUID().toString(), secret(32), secret(32), secret(24), secret(24), Map.of());
    }

    /** The same state with the workspace's own limit for one family (by its usage name, {@code Standard_Dv2_Family_...}). */
    WorkspaceState withQuota(String family, long limit) {
        Map<String, Long> next = new TreeMap<>(quotas);
        next.put(family, limit);
        return new WorkspaceState(userStorageKey, appInsightsInstrumentationKey, notebookPrimary, notebookSecondary, registryPassword,
                registryPassword2, next);
    }

    private static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }
}
