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

/**
 * The RSA key tokens are signed with: made when first needed and then kept in the data directory
 * (fresh for in-memory runs). A kept key is read at start, and a damaged file stops the start,
 * naming it. A new one is made by the first use (a token, the JWKS, a strict check): finding two
 * 1,024-bit primes takes 0.1 to 1 s of CPU that most runs (lenient auth, clients with made-up
 * tokens) never need. It is written to its file before that use sees it, so no token is ever signed
 * with a key a restart would lose.
 */
public final class SigningKey {

    private final Path file;
    private volatile RSAKey key;

    private SigningKey(Path file, RSAKey key) {
        this.file = file;
        this.key = key;
    }

    /** The key kept in {@code dir} (null: in memory), or one to be made there when first needed. */
    public static SigningKey open(Path dir) {
        Path file = dir == null ? null : dir.resolve("signing-key.json");
        if (file == null || !Files.isRegularFile(file)) {
            return new SigningKey(file, null);
        }
        try {
            return new SigningKey(file, RSAKey.parse(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the token signing key " + file + ": " + e.getMessage(), e);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalStateException("the token signing key " + file + " is damaged (" + e.getMessage() + "): restore it, or"
                    + " delete it to have a new key made at the next start (tokens issued before are then refused)", e);
        }
    }

    /** The key, made (and kept) by the first caller. */
    public RSAKey get() {
        RSAKey k = key;
        return k != null ? k : make();
    }

    /** The public half, as {@code /discovery/keys} serves it. */
    public String jwks() {
        return new JWKSet(get().toPublicJWK()).toString();
    }

    private synchronized RSAKey make() {
        if (key != null) {
            return key;
        }
        try {
            RSAKey made = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString().replace("-", ""))
                    .generate();
            if (file != null) {
                keep(made);
            }
            key = made;
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the token signing key in " + file + ": " + e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the token signing key: " + e.getMessage(), e);
        }
    }

    private void keep(RSAKey made) throws IOException {
        Files.createDirectories(file.getParent());
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(part, made.toJSONString());
        try {
            Files.setPosixFilePermissions(part, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
