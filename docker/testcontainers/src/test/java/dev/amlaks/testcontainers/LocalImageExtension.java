package dev.amlaks.testcontainers;

import dev.amlaks.emulator.testing.DockerImage;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before every test class of this module (registered for all of them through
 * {@code META-INF/services} and {@code junit-platform.properties}): the image is built from the
 * packaged jar, or the class skips with one line when no Docker engine answers. The tests
 * themselves then read as a user of the module writes them.
 */
public final class LocalImageExtension implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        DockerImage.require();
    }
}
