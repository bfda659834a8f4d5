package nl.spuk.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of architecture.md: dependencies point inward, outside libraries stay in their adapters. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importFunctions() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("nl.spuk");
    }

    @Test
    void domainUsesOnlyTheJavaLibrary() {
        noClasses().that().resideInAPackage("nl.spuk.domain..")
                .should().dependOnClassesThat().resideOutsideOfPackages("nl.spuk.domain..", "java..")
                .check(classes);
    }

    @Test
    void applicationUsesOnlyTheDomainAndJava() {
        noClasses().that().resideInAPackage("nl.spuk.application..")
                .should().dependOnClassesThat().resideOutsideOfPackages("nl.spuk.domain..", "nl.spuk.application..", "java..")
                .check(classes);
    }

    @Test
    void layersPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy("nl.spuk.domain..")
                .layer("application").definedBy("nl.spuk.application..")
                .layer("inbound").definedBy("nl.spuk.adapter.in..")
                .layer("outbound").definedBy("nl.spuk.adapter.out..")
                .layer("config").definedBy("nl.spuk.config..")
                .layer("local").definedBy("nl.spuk.local..")
                .whereLayer("config").mayOnlyBeAccessedByLayers("inbound", "local")
                .whereLayer("inbound").mayOnlyBeAccessedByLayers("local", "config")
                .whereLayer("outbound").mayOnlyBeAccessedByLayers("config", "local")
                .whereLayer("application").mayOnlyBeAccessedByLayers("inbound", "outbound", "config", "local")
                // The engine hosts the process's delegates: the one place where outbound reaches inbound.
                .ignoreDependency(resideInAPackage("nl.spuk.adapter.out.camunda.."), resideInAPackage("nl.spuk.adapter.in.workflow.."))
                .check(classes);
    }

    @Test
    void lambdaTypesOnlyInTheLambdaAdapterAndLocalServer() {
        noClasses().that().resideOutsideOfPackages("nl.spuk.adapter.in.lambda..", "nl.spuk.local..")
                .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda..")
                .check(classes);
    }

    @Test
    void awsSdkOnlyInItsAdaptersAndWiring() {
        noClasses().that().resideOutsideOfPackages("nl.spuk.adapter.out.dynamodb..", "nl.spuk.adapter.out.s3..",
                        "nl.spuk.adapter.out.secrets..", "nl.spuk.adapter.out.mail..", "nl.spuk.config..", "nl.spuk.local..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    /** Mail is built (Jakarta Mail) and rendered (Mustache) in its adapter; local mode reads what its SMTP server got. */
    @Test
    void mailLibrariesOnlyInTheMailAdapterAndLocalServer() {
        noClasses().that().resideOutsideOfPackages("nl.spuk.adapter.out.mail..", "nl.spuk.local..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "com.github.mustachejava..",
                        "com.icegreen..")
                .check(classes);
    }

    @Test
    void camundaOnlyInItsAdapters() {
        noClasses().that().resideOutsideOfPackages("nl.spuk.adapter.out.camunda..", "nl.spuk.adapter.in.workflow..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..")
                .check(classes);
    }

    /** Production wiring holds no test hooks: fault injection hooks into local mode's clients, not the product's. */
    @Test
    void productionWiringHasNoTestHooks() {
        noClasses().that().resideInAPackage("nl.spuk.config..")
                .should().dependOnClassesThat().haveFullyQualifiedName("software.amazon.awssdk.core.interceptor.ExecutionInterceptor")
                .check(classes);
    }

    /**
     * A change to one feature touches one folder per layer: the slices of the use cases, and of the process's beans,
     * share only the application's common types (commands, ports, exceptions) and the domain, never each other.
     */
    @Test
    void featureSlicesDoNotDependOnEachOther() {
        slices().matching("nl.spuk.application.(*)..")
                .should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAPackage("nl.spuk.application.port.."))
                .ignoreDependency(resideInAPackage("nl.spuk.application.port.."), alwaysTrue())
                .check(classes);
        slices().matching("nl.spuk.adapter.in.workflow.(*)..")
                .should().notDependOnEachOther()
                .check(classes);
    }

    /** A slice's process bean calls its own slice's steps: {@code ${decision.approve(execution)}} ends in decision. */
    @Test
    void processBeansCallOnlyTheirOwnSlicesSteps() {
        for (String slice : new String[] {"drafting", "review", "decision", "reporting", "settlement"}) {
            noClasses().that().resideInAPackage("nl.spuk.adapter.in.workflow." + slice + "..")
                    .should().dependOnClassesThat(resideInAPackage("nl.spuk.application.(*)..")
                            .and(DescribedPredicate.not(resideInAnyPackage("nl.spuk.application." + slice + "..",
                                    "nl.spuk.application.port.."))))
                    .check(classes);
        }
    }

    /**
     * A command travels explicitly, as arguments and across the engine as a transient process variable: no data
     * crosses the command path by thread (a ThreadLocal) or by a mutable static.
     */
    @Test
    void noHiddenChannelsOnTheCommandPath() {
        String[] commandPath = {"nl.spuk.domain..", "nl.spuk.application..", "nl.spuk.adapter.in.workflow.."};
        noClasses().that().resideInAnyPackage(commandPath)
                .should().dependOnClassesThat().areAssignableTo(ThreadLocal.class)
                .because("a command's data travels as arguments, not by thread")
                .check(classes);
        noFields().that().areDeclaredInClassesThat().resideInAnyPackage(commandPath).and().areStatic()
                .should().notBeFinal()
                .because("a mutable static is a hidden channel between commands")
                .check(classes);
    }
}
