package dev.kubelab.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** What {@code cluster up|down|status} share: the cluster options, the command's streams, progress to stderr. */
abstract class ClusterVerb implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    Consumer<String> progress() {
        return ClusterOptions.progressTo(spec.commandLine().getErr());
    }

    static double secondsSince(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
