package org.polder;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PolderApplication.class);

    @Test
    void modulesOnlyUseEachOthersPublicApiAndHaveNoCycles() {
        modules.verify();
    }

    /**
     * Nothing about a sick-pay circle reaches a rule, a kind of work or a page outside the circle's own (RIGHTS.md R2);
     * only the demo data, which founds one, calls into it.
     */
    @Test
    void noModuleReadsTheSickPayCircles() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses().that().resideOutsideOfPackage("org.polder.solidarity..")
                .and().resideOutsideOfPackage("org.polder.demo..")
                .should().dependOnClassesThat().resideInAPackage("org.polder.solidarity..")
                .check(new com.tngtech.archunit.core.importer.ClassFileImporter()
                        .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.polder"));
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
