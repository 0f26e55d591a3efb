package dev.amlaks.emulator.spi;

import io.javalin.config.RoutesConfig;

/**
 * Routes outside ARM's tree that the front door serves as they are: the control API, cloud
 * metadata, and the Entra-shaped login. Each set registers its Javalin routes; ARM's own routes go
 * through {@link ArmRouter} instead.
 */
@FunctionalInterface
public interface PlainRoutes {
    void register(RoutesConfig routes);
}
