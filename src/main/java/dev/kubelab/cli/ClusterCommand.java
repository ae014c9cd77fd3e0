package dev.kubelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubelab cluster up|down|status}: the life cycle of the cluster lessons run on. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Start, remove or inspect the cluster lessons run on.",
                "Backends: kind (Docker, via kindcontainer), local (clusters/local), context:NAME (an existing cluster)."},
        subcommands = {ClusterUpCommand.class, ClusterDownCommand.class, ClusterStatusCommand.class})
final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: kubelab cluster up|down|status");
    }
}
