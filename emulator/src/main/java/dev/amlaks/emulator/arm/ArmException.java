package dev.amlaks.emulator.arm;

import java.util.Map;

/**
 * A client-visible failure: one HTTP status and one {@link ArmError}. Every error the emulator
 * answers, from the front door to the providers, is one of these, rendered by one renderer.
 */
public class ArmException extends RuntimeException {

    private final int status;
    private final ArmError error;
    private final Map<String, String> headers;

    public ArmException(int status, ArmError error) {
        this(status, error, Map.of());
    }

    public ArmException(int status, ArmError error, Map<String, String> headers) {
        super(error.code() + ": " + error.message(), null, false, false);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public static ArmException badRequest(String code, String message) {
        return new ArmException(400, new ArmError(code, message));
    }

    public static ArmException notFound(String code, String message) {
        return new ArmException(404, new ArmError(code, message));
    }

    public static ArmException conflict(String code, String message) {
        return new ArmException(409, new ArmError(code, message));
    }

    public int status() {
        return status;
    }

    public ArmError error() {
        return error;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
