package dev.amlaks.emulator.http;

import static dev.amlaks.emulator.testsupport.Arm.RG_API;
import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.amlaks.emulator.testing.EmulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What reaches the HTTP server but never a route: bytes a parser refuses, bodies that end early
 * or are too large. Each answer is ARM's error body with the request headers, from whichever
 * layer gives it, sent on a raw socket so nothing in between tidies the request up.
 */
class HttpEdgesTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A raw answer: status, headers (lower-cased names) and body. */
    record Answer(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static Answer send(byte[] request, boolean halfClose) throws IOException {
        URI u = URI.create(EMULATOR.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            return read(s.getInputStream());
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        int state = 0;
        while (state < 4 && (b = in.read()) != -1) {
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                headers.put(lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT), lines[i].substring(c + 1).trim());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertArmError(Answer a, int status, String code) throws IOException {
        assertThat(a.status()).as(a.toString()).isEqualTo(status);
        assertThat(a.headers().get("content-type")).as(a.toString()).startsWith("application/json");
        assertThat(a.headers().get("x-ms-request-id")).as(a.toString()).matches("[0-9a-f-]{36}");
        assertThat(a.headers()).as(a.toString()).containsKey("x-ms-correlation-request-id");
        JsonNode error = a.json().path("error");
        assertThat(error.path("code").asText()).as(a.toString()).isEqualTo(code);
        assertThat(error.path("message").asText()).as(a.toString()).isNotBlank();
    }

    @Test
    void an_illegal_character_in_the_request_line_or_a_header_is_an_arm_400() throws IOException {
        assertArmError(send(ascii("GET /subscriptions/\u0001x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), false), 400, "BadRequest");
        assertArmError(send(ascii("GET /subscriptions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad\u0007: y\r\n\r\n"), false), 400, "BadRequest");
        assertArmError(send(ascii("GARBAGE\r\n\r\n"), false), 400, "BadRequest");
        // A URI the server refuses (an encoded NUL): it closes the connection after, and says so, so no client reuses it.
        Answer nul = send(ascii("GET /subscriptions/" + SUB + "%00?api-version=" + RG_API + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer x\r\n\r\n"), false);
        assertArmError(nul, 400, "BadRequest");
        assertThat(nul.headers().get("connection")).isEqualTo("close");
    }

    @Test
    void a_uri_or_headers_too_long_get_arm_414_and_431() throws IOException {
        assertArmError(send(ascii("GET /subscriptions/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), false),
                414, "RequestUriTooLong");
        assertArmError(send(ascii("GET /subscriptions HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n"), false),
                431, "RequestHeaderFieldsTooLarge");
    }

    @Test
    void bad_chunking_is_an_arm_400() throws IOException {
        assertArmError(send(ascii("PUT /subscriptions/" + SUB + "/resourcegroups/chunky?api-version=" + RG_API + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "zz\r\n{}\r\n0\r\n\r\n"), true), 400, "InvalidRequestContent");
    }

    @Test
    void a_body_shorter_than_its_content_length_then_a_half_close_is_an_arm_400_and_stores_nothing() throws IOException {
        String group = "/subscriptions/" + SUB + "/resourcegroups/short-body";
        Answer a = send(ascii("PUT " + group + "?api-version=" + RG_API + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"location\":"), true);
        assertArmError(a, 400, "InvalidRequestContent");
        Answer get = send(ascii("GET " + group + "?api-version=" + RG_API + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\n"
                + "Connection: close\r\n\r\n"), false);
        assertThat(get.status()).isEqualTo(404);
    }

    @Test
    void a_body_over_4_mib_sent_whole_before_reading_gets_its_413_not_a_broken_pipe() throws IOException {
        // What Python's urllib does: write the whole request, then read. The answer must wait for the body.
        byte[] body = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] head = ascii("PUT /subscriptions/" + SUB + "/resourcegroups/huge?api-version=" + RG_API + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n");
        URI u = URI.create(EMULATOR.url());
        try (Socket s = new Socket(u.getHost(), u.getPort())) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            assertArmError(read(s.getInputStream()), 413, "RequestEntityTooLarge");
        }
    }

    @Test
    void slow_request_bodies_cost_connections_not_the_threads_other_clients_need() throws Exception {
        // More dripping uploads than the server has request threads (250): each has sent its headers
        // and a few bytes of a declared 100 KB body, and keeps sending a byte now and then.
        URI u = URI.create(EMULATOR.url());
        java.util.List<Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket s = new Socket(u.getHost(), u.getPort());
                s.getOutputStream().write(ascii("PUT /subscriptions/" + SUB + "/resourcegroups/slow" + i + "?api-version=" + RG_API
                        + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 100000\r\n\r\n{"));
                s.getOutputStream().flush();
                slow.add(s);
            }
            for (int round = 0; round < 3; round++) {
                for (Socket s : slow) {
                    s.getOutputStream().write(' ');
                    s.getOutputStream().flush();
                }
                long start = System.nanoTime();
                Answer a = send(ascii("GET /subscriptions/" + SUB + "/resourcegroups?api-version=" + RG_API + " HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nAuthorization: Bearer x\r\nConnection: close\r\n\r\n"), false);
                assertThat(a.status()).isEqualTo(200);
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("a quick client's answer, round %d", round)
                        .isLessThan(java.time.Duration.ofSeconds(5));
                Thread.sleep(300);
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
