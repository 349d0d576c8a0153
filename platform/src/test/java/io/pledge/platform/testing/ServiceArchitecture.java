package io.pledge.platform.testing;

import com.tngtech.archunit.lang.ArchRule;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules each service's {@code ArchitectureTest} holds its own classes to: its packages (one per
 * domain concept) depend on one another without a cycle, so that any of them can be understood and
 * changed from the ones below it; and it uses no other service's code, since services share only
 * the contracts and the platform, and work together through Kafka.
 */
public final class ServiceArchitecture {

    private static final List<String> SERVICES = List.of("intake", "sla", "complaint", "survey", "kpi", "notify");

    private ServiceArchitecture() {
    }

    /** No cycle between the packages right under {@code io.pledge.<service>}. */
    public static ArchRule packagesWithoutCycles(String service) {
        return slices().matching("io.pledge." + service + ".(*)..").should().beFreeOfCycles();
    }

    /** No class of {@code io.pledge.<service>} uses a class of another service. */
    public static ArchRule noOtherServicesCode(String service) {
        String[] others = SERVICES.stream().filter(s -> !s.equals(service)).map(s -> "io.pledge." + s + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage("io.pledge." + service + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others);
    }
}
