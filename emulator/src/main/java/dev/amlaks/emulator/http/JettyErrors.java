package dev.amlaks.emulator.http;

import dev.amlaks.emulator.arm.ArmError;
import dev.amlaks.emulator.arm.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP server's own answers (a request line or header the parser refuses, a URI or headers
 * too long, a body it cannot frame), which come before any route: ARM's error body and request
 * headers instead of Jetty's HTML page.
 */
final class JettyErrors extends ErrorHandler {

    JettyErrors() {
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    /** Before a request exists (the parser refused it): the body and headers of the answer. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        stamp(fields, null);
        // The server closes a connection whose request it could not parse: say so, so clients do not reuse it.
        fields.put(HttpHeader.CONNECTION, "close");
        fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        return ByteBuffer.wrap(body(status, reason));
    }

    /** A request exists but no route answered it (an error raised inside the server). */
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        stamp(response.getHeaders(), request.getHeaders().get(RequestIds.CORRELATION_ID));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        if (status == 400 || status == 408 || status == 413 || status == 414 || status == 431 || status == 505) {
            // A request the server refused before any route (a bad URI, framing): it closes the connection after it.
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
    }

    private static void stamp(HttpFields.Mutable fields, String correlation) {
        fields.put(new HttpField(RequestIds.REQUEST_ID, UUID.randomUUID().toString()));
        fields.put(new HttpField(RequestIds.CORRELATION_ID, correlation == null || correlation.isBlank()
                ? UUID.randomUUID().toString() : correlation));
        fields.put(HttpHeader.CACHE_CONTROL, "no-cache");
    }

    static byte[] body(int status, String reason) {
        return Json.write(Map.of("error", error(status, reason))).getBytes(StandardCharsets.UTF_8);
    }

    private static ArmError error(int status, String reason) {
        String why = reason == null || reason.isBlank() ? "" : " (" + reason + ")";
        return switch (status) {
            case 408 -> new ArmError("RequestTimeout", "The request was not received in time" + why + ": send the whole request promptly.");
            case 413 -> new ArmError("RequestEntityTooLarge", "The request content exceeds the maximum allowed request size of "
                    + FrontDoorErrors.MAX_BODY_TEXT + why + ".");
            case 414 -> new ArmError("RequestUriTooLong", "The request URI is longer than the emulator accepts (8 KiB)" + why
                    + ": shorten the path and query.");
            case 431 -> new ArmError("RequestHeaderFieldsTooLarge", "The request headers are larger than the emulator accepts (8 KiB)"
                    + why + ": send fewer or shorter headers.");
            case 505 -> new ArmError("HttpVersionNotSupported", "The HTTP version is not supported" + why + ": use HTTP/1.1.");
            default -> status >= 500
                    ? new ArmError("InternalServerError", "The HTTP server failed to process the request" + why + ".")
                    : new ArmError("BadRequest", "The HTTP request is malformed" + why
                    + ": the request line, a header or the body framing is not valid HTTP/1.1.");
        };
    }
}
