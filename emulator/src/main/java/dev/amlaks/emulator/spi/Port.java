package dev.amlaks.emulator.spi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a provider's public face to other providers: the one way another provider may use it
 * (Azure ML provisions clusters through AKS's port, AKS reserves vCPUs through Compute's). A class
 * of one provider that uses a class of another that is not a port (nor nested in one) fails
 * {@code ArchitectureTest}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Port {
}
