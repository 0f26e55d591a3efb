package dev.amlaks.emulator.arm;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The body of an ARM error ({@code {"error": {...}}}), common-types v5 {@code ErrorDetail}.
 * {@code code} and {@code message} are always present; the rest only when set.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArmError(String code, String message, String target, List<ArmError> details) {

    public ArmError {
        details = details == null ? List.of() : List.copyOf(details);
    }

    public ArmError(String code, String message) {
        this(code, message, null, List.of());
    }

    public ArmError withTarget(String newTarget) {
        return new ArmError(code, message, newTarget, details);
    }

    public ArmError withDetails(List<ArmError> newDetails) {
        return new ArmError(code, message, target, newDetails);
    }
}
