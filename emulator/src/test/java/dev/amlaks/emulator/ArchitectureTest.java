package dev.amlaks.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.amlaks.emulator.spi.Port;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers, as rules that fail the build on a forbidden edge. From the bottom: pure ARM values
 * ({@code arm}), the store, the clock, fixtures and catalogs, the operation engine, tenancy, the
 * provider SPI; then the providers; then the edges (the HTTP front door, the control API, identity);
 * and the wiring in the root package, which knows everything and which nothing imports back.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.amlaks.emulator";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothing_imports_the_wiring_in_the_root_package_but_the_test_support_that_starts_it() {
        noClasses().that().resideOutsideOfPackages(ROOT, ROOT + ".testing..").should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(classes);
    }

    @Test
    void providers_never_import_the_front_door_the_control_api_or_identity() {
        noClasses().that().resideInAPackage(ROOT + ".providers..").should().dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".http..", ROOT + ".control..", ROOT + ".identity..").check(classes);
    }

    @Test
    void arm_values_know_neither_javalin_nor_the_store_nor_any_other_package() {
        noClasses().that().resideInAPackage(ROOT + ".arm..").should().dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "org.jdbi..", ROOT + ".store..", ROOT + ".operations..",
                        ROOT + ".http..", ROOT + ".spi..", ROOT + ".identity..", ROOT + ".providers..", ROOT + ".tenancy..")
                .check(classes);
    }

    @Test
    void the_store_never_throws_arm_errors() {
        noClasses().that().resideInAPackage(ROOT + ".store..").should().dependOnClassesThat()
                .haveFullyQualifiedName(ROOT + ".arm.ArmException").orShould().dependOnClassesThat()
                .haveFullyQualifiedName(ROOT + ".arm.ArmError").check(classes);
    }

    @Test
    void the_operation_engine_never_imports_http() {
        noClasses().that().resideInAPackage(ROOT + ".operations..").should().dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", ROOT + ".http..", ROOT + ".spi..", ROOT + ".providers..").check(classes);
    }

    @Test
    void handlers_never_reach_a_repository_or_open_a_database_handle() {
        noClasses().that().haveSimpleNameEndingWith("Handler").should().dependOnClassesThat()
                .haveFullyQualifiedName(ROOT + ".store.Database").orShould().dependOnClassesThat()
                .haveFullyQualifiedName(ROOT + ".store.ResourceRepository").orShould().dependOnClassesThat()
                .resideInAPackage("org.jdbi..").check(classes);
    }

    @Test
    void every_refusal_a_provider_answers_is_written_in_its_errors_class() {
        noClasses().that().resideInAPackage(ROOT + ".providers..").and().haveSimpleNameNotEndingWith("Errors").should()
                .callConstructorWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                        JavaClass.Predicates.assignableTo(ROOT + ".arm.ArmError")))).check(classes);
    }

    @Test
    void a_provider_reaches_another_only_through_a_declared_port() {
        classes().that().resideInAPackage(ROOT + ".providers..").should(onlyReachOtherProvidersThroughPorts()).check(classes);
    }

    /** A class of providers.X may use a class of providers.Y (Y not X) only when that class, or one enclosing it, is a {@link Port}. */
    private static ArchCondition<JavaClass> onlyReachOtherProvidersThroughPorts() {
        return new ArchCondition<>("reach other providers only through @Port types") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String own = providerOf(item);
                item.getDirectDependenciesFromSelf().forEach(d -> {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    String theirs = providerOf(target);
                    if (theirs != null && !theirs.equals(own) && !isPort(target)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription() + ": " + target.getName() + " is not a @Port of "
                                + theirs));
                    }
                });
            }
        };
    }

    private static final DescribedPredicate<JavaClass> PORT = DescribedPredicate.describe("a port", c -> c.isAnnotatedWith(Port.class));

    private static boolean isPort(JavaClass c) {
        JavaClass k = c;
        while (k != null) {
            if (PORT.test(k)) {
                return true;
            }
            k = k.getEnclosingClass().orElse(null);
        }
        return false;
    }

    private static String providerOf(JavaClass c) {
        String pkg = c.getPackageName();
        String prefix = ROOT + ".providers.";
        if (!pkg.startsWith(prefix)) {
            return null;
        }
        String rest = pkg.substring(prefix.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
