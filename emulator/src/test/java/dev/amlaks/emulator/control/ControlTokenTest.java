package dev.amlaks.emulator.control;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.amlaks.emulator.EmulatorConfig;
import dev.amlaks.emulator.testing.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A control token guards the control API (always beyond loopback; on loopback when one is set). */
class ControlTokenTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.controlToken("s3cret-control"));

    @Test
    void the_control_api_wants_the_token_but_health_and_the_certificate_stay_open() {
        given().baseUri(EMULATOR.url()).get("/_emulator/identity").then().statusCode(401)
                .body("error.code", equalTo("AuthenticationFailed")).body("error.message", containsString("--control-token"));
        given().baseUri(EMULATOR.url()).post("/_emulator/reset").then().statusCode(401);
        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer wrong").get("/_emulator/clock").then().statusCode(401);
        given().baseUri(EMULATOR.url()).header("Authorization", "Bearer s3cret-control").get("/_emulator/identity").then().statusCode(200);
        given().baseUri(EMULATOR.url()).get("/_emulator/health").then().statusCode(200);
        given().baseUri(EMULATOR.url()).get("/_emulator/cert.pem").then().statusCode(200);
    }

    @Test
    void beyond_loopback_a_token_is_always_wanted() {
        assertThat(EmulatorConfig.defaults().loopbackOnly()).isTrue();
        assertThat(EmulatorConfig.defaults().toBuilder().host("0.0.0.0").build().loopbackOnly()).isFalse();
        assertThat(EmulatorConfig.defaults().toBuilder().host("127.0.0.2").build().loopbackOnly()).isTrue();
    }
}
