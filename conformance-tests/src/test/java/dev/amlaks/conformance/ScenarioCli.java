package dev.amlaks.conformance;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A signed-in Azure CLI on an emulator whose world is a named scenario, loaded through the control API before the class's
 * tests and closed after them; a real-Azure target skips them, as it has no scenarios. Register it after the target.
 */
public final class ScenarioCli implements BeforeAllCallback, AfterAllCallback {

    private final ConformanceTarget target;
    private final String scenario;
    private AzCli az;

    public ScenarioCli(ConformanceTarget target, String scenario) {
        this.target = target;
        this.scenario = scenario;
    }

    public AzCli az() {
        return az;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeTrue(target.target().emulator(), "loads a scenario through the emulator's control API");
        target.control("POST", "/_emulator/scenarios/" + scenario, null);
        az = new AzCli(target.target(), target.scratch()).signedIn();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (az != null) {
            az.close();
        }
    }
}
