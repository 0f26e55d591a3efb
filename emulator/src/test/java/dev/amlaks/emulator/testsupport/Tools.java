package dev.amlaks.emulator.testsupport;

import java.io.File;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Outside tools some tests need. Missing on a developer's machine, such a test skips with one line
 * saying what to install; with {@code EMULATOR_REQUIRE_TOOLS=true} (what .ci/run sets) it fails instead,
 * so CI never passes by skipping.
 */
public final class Tools {

    private Tools() {
    }

    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("EMULATOR_REQUIRE_TOOLS"));
    }

    /** Skips (or, in CI, fails) unless {@code command} is on the PATH. */
    public static void require(String command, String installHint) {
        if (onPath(command)) {
            return;
        }
        String message = "'" + command + "' is not installed; " + installHint;
        if (required()) {
            Assertions.fail(message + " (EMULATOR_REQUIRE_TOOLS=true turns this skip into a failure)");
        }
        Assumptions.abort(message);
    }

    public static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, command);
            if (f.isFile() && f.canExecute()) {
                return true;
            }
        }
        return false;
    }
}
