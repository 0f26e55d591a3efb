package dev.amlaks.emulator.operations;

import static dev.amlaks.emulator.testsupport.Arm.SUB;
import static dev.amlaks.emulator.testsupport.Arm.WIDGET_API;
import static dev.amlaks.emulator.testsupport.Arm.on;
import static dev.amlaks.emulator.testsupport.Arm.widget;

import dev.amlaks.emulator.clock.ClockMode;
import dev.amlaks.emulator.testing.EmulatorExtension;
import dev.amlaks.emulator.testsupport.Arm;
import dev.amlaks.emulator.testsupport.WidgetProvider;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** State moves even when nobody polls: the background ticker settles due operations. */
class TickerTest {

    /** Scaled at 600x: a 30 s virtual operation is due after 50 real ms, and no listener settles on its own. */
    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.with(b -> b.provider(WidgetProvider::new)
            .clockMode(ClockMode.SCALED).clockScale(600).tickMillis(50));

    @Test
    void the_background_ticker_applies_due_effects_without_any_read() {
        Arm.createGroup(EMULATOR, "ticker");
        on(EMULATOR).queryParam("api-version", WIDGET_API)
                .body("{\"location\":\"westus\",\"properties\":{\"durationSeconds\":30}}")
                .put(widget("ticker", "unwatched")).then().statusCode(201);
        String key = ("/subscriptions/" + SUB + "/resourceGroups/ticker/providers/Microsoft.EmulatorTest/widgets/unwatched")
                .toLowerCase();
        // Read the store directly (no ARM request, so no settle on read): only the ticker can complete it.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                "Succeeded".equals(EMULATOR.emulator().context().resources().find(key).orElseThrow().provisioningState()));
    }
}
