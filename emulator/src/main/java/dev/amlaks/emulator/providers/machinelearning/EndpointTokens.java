package dev.amlaks.emulator.providers.machinelearning;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AML tokens for endpoints whose authMode is AMLToken: the endpoint's id and an expiry (epoch
 * seconds, real time), signed with the endpoint's primary key, so the scoring side can check one
 * without keeping it, and regenerating the key revokes every token signed with it.
 */
final class EndpointTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private EndpointTokens() {
    }

    static String issue(OnlineEndpoint e, long expiresAt) {
        String payload = B64.encodeToString((e.id().key() + "|" + expiresAt).getBytes(StandardCharsets.UTF_8));
        return payload + "." + sign(e.internal().primaryKey(), payload);
    }

    /** Whether {@code token} was issued for {@code e} with its current primary key and is not expired at {@code nowSeconds}. */
    static boolean valid(OnlineEndpoint e, String token, long nowSeconds) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        String payload = token.substring(0, dot);
        if (!MessageDigest.isEqual(sign(e.internal().primaryKey(), payload).getBytes(StandardCharsets.UTF_8),
                token.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        String[] parts = new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8).split("\\|");
        return parts.length == 2 && parts[0].equals(e.id().key()) && Long.parseLong(parts[1]) > nowSeconds;
    }

    private static String sign(String key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return B64.encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
