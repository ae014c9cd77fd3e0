package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.cluster.ClusterUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the cluster (or find it running) and print its kubeconfig.",
                "kind: pulls the node image once, then keeps the node running between sessions."})
final class ClusterUpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @Override
    public Integer call() throws ClusterUnavailableException {
        PrintWriter out = spec.commandLine().getOut();
        ClusterBackend backend = clusterOptions.backend();
        long t0 = System.nanoTime();
        Cluster c = backend.up(ClusterOptions.progressTo(spec.commandLine().getErr()));
        out.printf("%s: up in %.1f s — %s%n", backend.name(), (System.nanoTime() - t0) / 1e9, c.describe());
        out.println("kubeconfig: " + c.kubeconfig());
        out.flush();
        return ExitCode.OK;
    }
}
