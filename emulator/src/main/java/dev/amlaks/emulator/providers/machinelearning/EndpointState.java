package dev.amlaks.emulator.providers.machinelearning;

import java.security.SecureRandom;
import java.util.Base64;

/** What an online endpoint keeps and never serves in its body: its two keys, which {@code listKeys} hands out and callers score with. */
record EndpointState(String primaryKey, String secondaryKey) {

    static final EndpointState NONE = new EndpointState(null, null);
    private static final SecureRandom RANDOM = new SecureRandom();

    static EndpointState fresh() {
        return new EndpointState(newKey(), newKey());
    }

    /** A key as the service makes them: 32 random bytes, base64. */
    static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    EndpointState with(String keyType, String value) {
        return keyType.equals("Primary") ? new EndpointState(value, secondaryKey) : new EndpointState(primaryKey, value);
    }
}
