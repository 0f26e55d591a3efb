package dev.amlaks.emulator.arm;

import java.util.Optional;

/**
 * The request's {@code If-Match} / {@code If-None-Match} headers, checked against a resource's
 * current ETag (empty when the resource does not exist), as the ARM RPC asks of PUT and DELETE.
 */
public record Preconditions(String ifMatch, String ifNoneMatch) {

    public static final Preconditions NONE = new Preconditions(null, null);

    public Preconditions {
        ifMatch = blankToNull(ifMatch);
        ifNoneMatch = blankToNull(ifNoneMatch);
    }

    /** @throws ArmException 412 {@code PreconditionFailed} when a condition is not met */
    public void check(Optional<String> currentEtag) {
        if (ifMatch != null) {
            if (currentEtag.isEmpty()) {
                throw failed("If-Match '" + ifMatch + "' was given but the resource does not exist.");
            }
            if (!ifMatch.equals("*") && !matchesAny(ifMatch, currentEtag.get())) {
                throw failed("If-Match '" + ifMatch + "' does not match the resource's current ETag '" + currentEtag.get() + "'.");
            }
        }
        if (ifNoneMatch != null && currentEtag.isPresent()) {
            if (ifNoneMatch.equals("*")) {
                throw failed("If-None-Match '*' was given but the resource already exists (ETag '" + currentEtag.get() + "').");
            }
            if (matchesAny(ifNoneMatch, currentEtag.get())) {
                throw failed("If-None-Match '" + ifNoneMatch + "' matches the resource's current ETag.");
            }
        }
    }

    private static boolean matchesAny(String header, String etag) {
        String current = normalise(etag);
        for (String candidate : header.split(",")) {
            if (normalise(candidate).equals(current)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String etag) {
        String e = etag.trim();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e;
    }

    private static ArmException failed(String why) {
        return new ArmException(412, new ArmError("PreconditionFailed",
                "The condition specified using HTTP conditional header(s) is not met. " + why));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
