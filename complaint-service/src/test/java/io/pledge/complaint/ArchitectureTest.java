package io.pledge.complaint;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.pledge.platform.testing.ServiceArchitecture;

/** complaint-service uses no other service's code, and its packages form no cycle. */
@AnalyzeClasses(packages = "io.pledge.complaint", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = ServiceArchitecture.packagesWithoutCycles("complaint");

    @ArchTest
    static final ArchRule usesNoOtherServicesCode = ServiceArchitecture.noOtherServicesCode("complaint");
}
