package dev.kubelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kubelab workshop provision|teardown|serve}: many learners on one shared cluster, and the instructor's view. */
@Command(name = "workshop", mixinStandardHelpOptions = true,
        description = {"Run a workshop on one shared cluster: a slice of namespaces per learner, and a live view for the instructor.",
                "Learners join with: kubelab --workshop learners/NAME.yaml"},
        subcommands = {WorkshopProvisionCommand.class, WorkshopTeardownCommand.class, WorkshopServeCommand.class})
final class WorkshopCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say which: kubelab workshop provision|teardown|serve");
    }

    /** The folder a workshop's files live in: --dir, else workshops/NAME. */
    static java.nio.file.Path dir(java.nio.file.Path dir, String name) {
        return dir != null ? dir : java.nio.file.Path.of("workshops", name);
    }
}
