package dev.amlaks.emulator.control;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.group;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.store.ChangeFeed;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.EventStream.Frame;
import dev.amlaks.emulator.testsupport.EventStream;
import io.restassured.http.ContentType;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /_emulator/events: every change in commit order, resumable, bounded, and no reader holds anyone up. */
class EventStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.eventBufferSize(200));

    private static void putGroup(String name) {
        on(EMULATOR).contentType(ContentType.JSON).queryParam("api-version", RG_API).body("{\"location\":\"westus\"}")
                .put(group(name)).then().statusCode(201);
    }

    private static boolean createdGroup(Frame f, String name) {
        return "resource.created".equals(f.event()) && f.data().path("data").path("id").asText().endsWith("/resourceGroups/" + name);
    }

    @Test
    void changes_arrive_in_commit_order_with_increasing_ids() throws Exception {
        try (EventStream stream = EventStream.open(EMULATOR.url(), "/_emulator/events", null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.contentType()).startsWith("text/event-stream");
            putGroup("order-a");
            putGroup("order-b");
            on(EMULATOR).queryParam("api-version", RG_API).delete(group("order-a")).then().statusCode(202);
            given().baseUri(EMULATOR.url()).queryParam("seconds", 60).post("/_emulator/clock/advance").then().statusCode(200);
            List<Frame> frames = stream.until(f -> "resource.deleted".equals(f.event())
                    && f.data().path("data").path("id").asText().endsWith("/resourceGroups/order-a"), WAIT);
            assertThat(frames.stream().filter(f -> f.event().startsWith("resource.")).map(f -> f.event() + " "
                    + f.data().path("data").path("name").asText()))
                    .containsSubsequence("resource.created order-a", "resource.created order-b", "resource.deleted order-a");
            long previous = 0;
            for (Frame f : frames) {
                long n = f.data().path("id").asLong();
                assertThat(n).isGreaterThan(previous);
                assertThat(f.id()).endsWith("-" + n);
                previous = n;
            }
        }
    }

    @Test
    void a_client_resumes_after_the_last_event_it_saw() throws Exception {
        long before = EMULATOR.emulator().changes().lastId();
        putGroup("resume-1");
        String afterFirst;
        try (EventStream replay = EventStream.open(EMULATOR.url(), "/_emulator/events?after=" + before, null)) {
            List<Frame> frames = replay.until(f -> createdGroup(f, "resume-1"), WAIT);
            afterFirst = frames.get(frames.size() - 1).id();
        }
        putGroup("resume-2");
        putGroup("resume-3");
        try (EventStream resumed = EventStream.open(EMULATOR.url(), "/_emulator/events", afterFirst)) {
            List<Frame> frames = resumed.until(f -> createdGroup(f, "resume-3"), WAIT);
            assertThat(frames).noneMatch(f -> createdGroup(f, "resume-1"));
            assertThat(frames).anyMatch(f -> createdGroup(f, "resume-2"));
            assertThat(frames.get(0).data().path("id").asLong()).isEqualTo(idNumber(afterFirst) + 1);
        }
    }

    private static long idNumber(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    @Test
    void a_resume_point_the_ring_no_longer_holds_starts_with_a_reset() throws Exception {
        ChangeFeed feed = EMULATOR.emulator().changes();
        long start = feed.lastId();
        for (int i = 0; i < feed.capacity() + 50; i++) {
            feed.publish("test.filler", Map.of("n", i));
        }
        try (EventStream stream = EventStream.open(EMULATOR.url(), "/_emulator/events?after=" + (start + 1), null)) {
            Frame first = stream.next(WAIT);
            assertThat(first.event()).isEqualTo("reset");
            assertThat(first.data().path("data").path("reason").asText()).contains("no longer held").contains("read the world again");
            putGroup("after-reset");
            assertThat(stream.until(f -> createdGroup(f, "after-reset"), WAIT)).noneMatch(f -> "test.filler".equals(f.event()));
        }
        assertThat(feed.since(0, Integer.MAX_VALUE).events()).hasSize(feed.capacity());
    }

    @Test
    void an_id_from_an_earlier_run_or_from_the_future_resets_and_a_malformed_one_is_refused() throws Exception {
        try (EventStream stream = EventStream.open(EMULATOR.url(), "/_emulator/events", "0badc0de-12")) {
            Frame first = stream.next(WAIT);
            assertThat(first.event()).isEqualTo("reset");
            assertThat(first.data().path("data").path("reason").asText()).contains("restarted");
        }
        try (EventStream stream = EventStream.open(EMULATOR.url(), "/_emulator/events?after=999999999", null)) {
            assertThat(stream.next(WAIT).event()).isEqualTo("reset");
        }
        given().baseUri(EMULATOR.url()).header("Last-Event-ID", "yesterday").get("/_emulator/events").then().statusCode(400)
                .body("error.code", equalTo("InvalidParameter")).body("error.message", containsString("Last-Event-ID"));
        given().baseUri(EMULATOR.url()).queryParam("after", "-5").get("/_emulator/events").then().statusCode(400)
                .body("error.code", equalTo("InvalidParameter")).body("error.message", containsString("'after'"));
    }

    @Test
    void a_refused_write_publishes_nothing() throws Exception {
        try (EventStream stream = EventStream.open(EMULATOR.url(), "/_emulator/events", null)) {
            on(EMULATOR).contentType(ContentType.JSON).queryParam("api-version", RG_API).body("{\"location\":\"atlantis\"}")
                    .put(group("refused")).then().statusCode(400);
            putGroup("accepted");
            List<Frame> frames = stream.until(f -> createdGroup(f, "accepted"), WAIT);
            assertThat(frames).noneMatch(f -> f.data().path("data").path("name").asText().equals("refused"));
        }
    }

    @Test
    void the_clock_moving_and_a_reset_are_events_too() throws Exception {
        try (Emulator e = Emulator.start(EmulatorConfig.forTests());
             EventStream stream = EventStream.open(e.httpUrl(), "/_emulator/events", null)) {
            given().baseUri(e.httpUrl()).queryParam("seconds", 300).post("/_emulator/clock/advance")
                    .then().statusCode(200);
            Frame clock = stream.until(f -> "clock.changed".equals(f.event()), WAIT).get(0);
            assertThat(clock.data().path("data").path("now").asText()).isEqualTo("2026-12-01T00:05:00Z");
            given().baseUri(e.httpUrl()).post("/_emulator/reset").then().statusCode(200);
            assertThat(stream.until(f -> "world.reset".equals(f.event()), WAIT)).isNotEmpty();
        }
    }

    @Test
    void a_client_that_stops_reading_holds_up_neither_the_feed_nor_other_clients() throws Exception {
        ChangeFeed feed = EMULATOR.emulator().changes();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", EMULATOR.emulator().httpPort());
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(1024);
            stalled.connect(address);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /_emulator/events?after=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Never read: its server thread soon blocks writing. Some 20 MB of events go by meanwhile.
            String filler = "x".repeat(1000);
            CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 20_000; i++) {
                    feed.publish("test.filler", Map.of("n", i, "pad", filler));
                }
            });
            publishing.get(60, TimeUnit.SECONDS);
            try (EventStream live = EventStream.open(EMULATOR.url(), "/_emulator/events", null)) {
                putGroup("while-stalled");
                assertThat(live.until(f -> createdGroup(f, "while-stalled"), WAIT)).isNotEmpty();
            }
            given().baseUri(EMULATOR.url()).get("/_emulator/health").then().statusCode(200);
        }
    }
}
