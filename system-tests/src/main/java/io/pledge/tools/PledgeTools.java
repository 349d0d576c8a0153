package io.pledge.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar system-tests/target/pledge-tools.jar <command>}: helpers for running Pledge locally. */
@Command(name = "pledge-tools", mixinStandardHelpOptions = true,
        subcommands = {TokenCommand.class, SimulateCommand.class, SlaBenchCommand.class, KpiBenchCommand.class,
                NotifyBenchCommand.class, PlatformBenchCommand.class},
        description = "Development tokens and the traffic simulator for a local Pledge.")
public class PledgeTools {

    public static void main(String[] args) {
        System.exit(new CommandLine(new PledgeTools()).execute(args));
    }
}
