package dev.amlaks.emulator.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.UUID;

/** The RSA key tokens are signed with: generated at first start, kept in the data directory, fresh for in-memory runs. */
public final class SigningKey {

    private SigningKey() {
    }

    public static RSAKey loadOrCreate(Path dir) {
        try {
            Path file = dir == null ? null : dir.resolve("signing-key.json");
            if (file != null && Files.isRegularFile(file)) {
                try {
                    return RSAKey.parse(Files.readString(file));
                } catch (ParseException | RuntimeException e) {
                    throw new IllegalStateException("the token signing key " + file + " is damaged (" + e.getMessage() + "): restore it, or"
                            + " delete it to have a new key made at the next start (tokens issued before are then refused)", e);
                }
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString().replace("-", ""))
                    .generate();
            if (file != null) {
                Files.createDirectories(dir);
                Files.writeString(file, key.toJSONString());
                try {
                    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token signing key in " + dir + ": " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("the token signing key in " + dir + " is not usable: " + e.getMessage(), e);
        }
    }

    /** The public half, as {@code /discovery/keys} serves it. */
    public static String jwks(RSAKey key) {
        return new JWKSet(key.toPublicJWK()).toString();
    }
}
