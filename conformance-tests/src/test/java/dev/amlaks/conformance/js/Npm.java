package dev.amlaks.conformance.js;

import dev.amlaks.conformance.Processes;
import dev.amlaks.emulator.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

/** The JavaScript suites' dependencies: installed once from package-lock.json (npm ci), again when the lock file changes. */
public final class Npm {

    private Npm() {
    }

    public static void requireNode() {
        Tools.requireCommand("node", "install Node.js 20+ and npm (apt-get install -y nodejs npm) to run the JavaScript SDK suites");
        Tools.requireCommand("npm", "install npm (apt-get install -y npm) to run the JavaScript SDK suites");
    }

    public static synchronized void install(Path project) throws IOException, InterruptedException {
        Path marker = project.resolve("node_modules/.package-lock.json");
        Path lock = project.resolve("package-lock.json");
        if (Files.exists(marker) && Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
            return;
        }
        Processes.run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), project, 600).requireSuccess("npm ci in " + project);
        Files.setLastModifiedTime(marker, FileTime.fromMillis(System.currentTimeMillis()));
    }
}
