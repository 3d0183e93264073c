package io.kinora;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The layering, checked on every build (core and the WAR together): capabilities without cycles, domain free of
 * frameworks, HTTP only in the WAR, the WAR through application services, infrastructure behind interfaces.
 */
@AnalyzeClasses(packages = "io.kinora", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** A capability is the package under io.kinora (catalog, encode, ...); its WAR part ({@code x.web}) is a slice of its own. */
    static final SliceAssignment CAPABILITIES = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
            String[] p = c.getPackageName().split("\\.");
            if (p.length < 3 || !p[0].equals("io") || !p[1].equals("kinora")) return SliceIdentifier.ignore();
            boolean web = p[2].equals("web") || (p.length > 3 && p[3].equals("web"));
            return SliceIdentifier.of(web ? "web" : p[2]);
        }

        @Override
        public String getDescription() {
            return "capabilities of io.kinora (the WAR's packages as one)";
        }
    };

    @ArchTest
    static final ArchRule capabilities_have_no_cycles = slices().assignedFrom(CAPABILITIES).should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domain_depends_on_nothing_outside_itself = classes().that().resideInAPackage("..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("..domain..", "java..", "jakarta.persistence..",
                    "jakarta.validation..", "jakarta.annotation..");

    @ArchTest
    static final ArchRule http_only_in_the_war = noClasses().that().resideOutsideOfPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "jakarta.servlet..");

    @ArchTest
    static final ArchRule war_reaches_core_through_application_services = noClasses().that().resideInAPackage("..web..")
            .should().dependOnClassesThat().resideInAnyPackage("..infrastructure..", "io.kinora.encode.batch..",
                    "io.kinora.encode.work..", "io.kinora.storage..");

    @ArchTest
    static final ArchRule infrastructure_behind_interfaces = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAPackage("..infrastructure..");
}
