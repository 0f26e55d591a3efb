package dev.amlaks.emulator.control;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.amlaks.emulator.testing.EmulatorExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reset racing readers: each reader sees the world before it or after it, never the empty one between, never a 500. */
class ResetRaceTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    @Test
    void readers_racing_resets_always_find_the_fixtures_world() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Map<String, Integer> wrong = new ConcurrentHashMap<>();
        AtomicInteger reads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(7);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int kind = i % 3;
                readers.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int status = switch (kind) {
                            case 0 -> given().baseUri(EMULATOR.url()).get("/_emulator/identity").statusCode();
                            case 1 -> given().baseUri(EMULATOR.url()).header("Authorization", "Bearer x")
                                    .queryParam("api-version", "2020-01-01").get("/subscriptions/" + SUB).statusCode();
                            default -> given().baseUri(EMULATOR.url()).contentType("application/x-www-form-urlencoded")
                                    .formParam("grant_type", "client_credentials").formParam("client_id", "00000000-0000-4000-8000-00000000c001")
                                    .formParam("client_secret", "aml-aks-emulator-secret").formParam("scope", "https://management.azure.com/.default")
                                    .post("/00000000-0000-4000-8000-00000000a001/oauth2/v2.0/token").statusCode();
                        };
                        reads.incrementAndGet();
                        if (status != 200) {
                            wrong.merge(kind + ":" + status, 1, Integer::sum);
                        }
                    }
                }));
            }
            for (int i = 0; i < 40; i++) {
                given().baseUri(EMULATOR.url()).post("/_emulator/reset").then().statusCode(200);
                if (i % 10 == 0) {
                    given().baseUri(EMULATOR.url()).queryParam("subscription", SUB).post("/_emulator/reset").then().statusCode(200);
                }
            }
            stop.set(true);
            for (Future<?> f : readers) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            pool.shutdownNow();
        }
        assertThat(reads.get()).isGreaterThan(100);
        assertThat(wrong).as("answers other than 200 during resets (reader kind:status = count)").isEmpty();
    }
}
