package io.pledge.survey;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.pledge.platform.testing.ServiceArchitecture;

/** survey-service's packages form no cycle, and it uses no other service's code. */
@AnalyzeClasses(packages = "io.pledge.survey", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = ServiceArchitecture.packagesWithoutCycles("survey");

    @ArchTest
    static final ArchRule usesNoOtherServicesCode = ServiceArchitecture.noOtherServicesCode("survey");
}
