package dev.amlaks.emulator.testing;

import dev.amlaks.emulator.Emulator;
import dev.amlaks.emulator.EmulatorConfig;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class its own emulator: in memory, on free ports, with a manual clock at
 * 2026-12-01T00:00:00Z (the current Kubernetes catalog in force). Use it as a field, to reach the emulator and tune its config:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final EmulatorExtension EMULATOR = EmulatorExtension.create();
 * ... given().baseUri(EMULATOR.url()) ...
 * </pre>
 *
 * or as {@code @ExtendWith(EmulatorExtension.class)} with an {@link Emulator} parameter.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final UnaryOperator<EmulatorConfig.Builder> customise;
    private Emulator emulator;

    /** For {@code @ExtendWith}: the default test config. */
    public EmulatorExtension() {
        this(b -> b);
    }

    private EmulatorExtension(UnaryOperator<EmulatorConfig.Builder> customise) {
        this.customise = customise;
    }

    public static EmulatorExtension create() {
        return new EmulatorExtension();
    }

    /** The test config with some fields changed: {@code EmulatorExtension.with(b -> b.retryAfterSeconds(3))}. */
    public static EmulatorExtension with(UnaryOperator<EmulatorConfig.Builder> customise) {
        return new EmulatorExtension(customise);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        emulator = Emulator.start(customise.apply(EmulatorConfig.forTests().toBuilder()).build());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }

    public Emulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while the test class runs");
        }
        return emulator;
    }

    /** The emulator's HTTP base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return emulator().httpUrl();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator();
    }
}
