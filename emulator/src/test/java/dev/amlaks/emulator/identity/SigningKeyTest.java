package dev.amlaks.emulator.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The token signing key is made by its first use, kept before that use sees it, and read back by the next start. */
class SigningKeyTest {

    @TempDir
    Path dir;

    @Test
    void a_new_key_is_made_at_first_use_and_kept_before_it_is_handed_out() {
        Path file = dir.resolve("identity/signing-key.json");
        SigningKey key = SigningKey.open(dir.resolve("identity"));
        assertThat(file).as("nothing is made before a use").doesNotExist();
        RSAKey made = key.get();
        assertThat(file).exists();
        assertThat(made.isPrivate()).isTrue();
        assertThat(made.size()).isEqualTo(2048);
        assertThat(key.get()).isSameAs(made);
        assertThat(dir.resolve("identity/signing-key.json.part")).doesNotExist();
        // The next start reads the same key, and serves the same public half.
        SigningKey again = SigningKey.open(dir.resolve("identity"));
        assertThat(again.get().getKeyID()).isEqualTo(made.getKeyID());
        assertThat(again.jwks()).isEqualTo(key.jwks()).doesNotContain("\"d\"");
    }

    @Test
    void callers_racing_for_a_new_key_all_get_one_key() throws Exception {
        SigningKey key = SigningKey.open(dir);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ids.add(key.get().getKeyID());
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ids).hasSize(1);
        assertThat(RSAKey.parse(Files.readString(dir.resolve("signing-key.json"))).getKeyID()).isEqualTo(ids.iterator().next());
    }

    @Test
    void in_memory_keys_are_fresh_and_touch_no_disk() {
        SigningKey a = SigningKey.open(null);
        SigningKey b = SigningKey.open(null);
        assertThat(a.get().getKeyID()).isNotEqualTo(b.get().getKeyID());
    }
}
