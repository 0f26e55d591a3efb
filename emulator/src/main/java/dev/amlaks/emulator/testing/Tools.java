package dev.amlaks.emulator.testing;

import java.io.File;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside tools some tests need (az, node, curl, a Docker engine...). Missing on a developer's
 * machine, such a test skips with one line saying what to install; with
 * {@code EMULATOR_REQUIRE_TOOLS=true} (what .ci/run sets) it fails instead, so CI never passes by skipping.
 */
public final class Tools {

    private Tools() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("EMULATOR_REQUIRE_TOOLS"));
    }

    /** Skips (or, in CI, fails) unless {@code present}; {@code what} and {@code install} make the one line. */
    public static void require(boolean present, String what, String install) {
        skipUnless(present, what + " is not installed; " + install);
    }

    /** Skips (or, in CI, fails) with {@code message} unless {@code ok}: one line on screen saying what is missing and what to do. */
    public static void skipUnless(boolean ok, String message) {
        if (ok) {
            return;
        }
        if (required()) {
            Assertions.fail(message + " (EMULATOR_REQUIRE_TOOLS=true turns this skip into a failure)");
        }
        // On screen, not only in the XML reports: the build's test output goes to the console (see the parent pom).
        System.out.println("[SKIPPED] " + message);
        Assumptions.abort(message);
    }

    /** Skips (or, in CI, fails) unless {@code command} is on the PATH. */
    public static void requireCommand(String command, String install) {
        require(onPath(command) != null, "'" + command + "'", install);
    }

    /** The executable named {@code command} on the PATH, or null. */
    public static File onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, command);
            if (f.isFile() && f.canExecute()) {
                return f;
            }
        }
        return null;
    }
}
