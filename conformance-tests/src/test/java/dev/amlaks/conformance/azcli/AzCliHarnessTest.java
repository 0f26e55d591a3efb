package dev.amlaks.conformance.azcli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.amlaks.conformance.AzCli;
import dev.amlaks.conformance.ConformanceTarget;
import dev.amlaks.conformance.Processes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself: nothing escapes the machine unnoticed, and bad credentials fail as Entra fails them. */
class AzCliHarnessTest {

    @RegisterExtension
    static final ConformanceTarget TARGET = new ConformanceTarget();

    @Test
    void an_attempt_to_reach_beyond_127_0_0_1_fails_the_test_naming_the_host() throws Exception {
        Assumptions.assumeTrue(TARGET.target().emulator(), "only emulator targets run behind the dead proxy");
        try (AzCli az = new AzCli(TARGET.target(), TARGET.scratch())) {
            assertThatThrownBy(() -> az.run("rest", "--method", "get", "--url", "https://example.com/", "--skip-authorization-header"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("tried to leave the machine")
                    .hasMessageContaining("example.com:443");
        }
    }

    @Test
    void a_wrong_secret_fails_login_with_entra_invalid_client() throws Exception {
        try (AzCli az = new AzCli(TARGET.target(), TARGET.scratch())) {
            az.useTargetCloud();
            Processes.Result r = az.login("not-the-secret");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).contains("AADSTS7000215");
        }
    }
}
