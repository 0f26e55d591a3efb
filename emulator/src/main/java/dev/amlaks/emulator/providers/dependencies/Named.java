package dev.amlaks.emulator.providers.dependencies;

import dev.amlaks.emulator.arm.ArmException;
import dev.amlaks.emulator.spi.DeclaredType;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A declared type's identity and naming rule: its namespace and type, the names it takes, and whether they are unique everywhere. */
abstract class Named implements DeclaredType {

    private final String namespace;
    private final String typePath;
    private final Pattern name;
    private final Function<String, ArmException> invalid;
    private final Function<String, ArmException> taken;

    Named(String namespace, String typePath, String namePattern, Function<String, ArmException> invalid,
          Function<String, ArmException> taken) {
        this.namespace = namespace;
        this.typePath = typePath;
        this.name = Pattern.compile(namePattern);
        this.invalid = invalid;
        this.taken = taken;
    }

    @Override
    public final String namespace() {
        return namespace;
    }

    @Override
    public final String typePath() {
        return typePath;
    }

    @Override
    public final void checkName(String candidate) {
        if (!name.matcher(candidate).matches()) {
            throw invalid.apply(candidate);
        }
    }

    @Override
    public final ArmException nameTaken(String candidate) {
        return taken == null ? null : taken.apply(candidate);
    }
}
