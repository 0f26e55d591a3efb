package dev.amlaks.conformance.python;

import dev.amlaks.conformance.Processes;
import dev.amlaks.emulator.testing.Tools;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The Python that has the Azure management SDK: Debian's python3-azure comes with azure-cli. */
public final class Python {

    private Python() {
    }

    /** The interpreter to use, or a skip (a failure in CI) saying what to install. */
    public static String interpreter() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Processes.Result r = Processes.run(List.of(candidate, "-c", "import azure.identity, azure.mgmt.resource"), Map.of(),
                        Path.of(System.getProperty("java.io.tmpdir")), 60);
                if (r.exitCode() == 0) {
                    return candidate;
                }
            } catch (java.io.IOException notThere) {
                // try the next one
            }
        }
        Tools.require(false, "a Python with azure-identity and azure-mgmt-resource",
                "install azure-cli (apt-get install -y azure-cli), which brings python3-azure");
        return null;
    }
}
