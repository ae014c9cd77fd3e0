package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.cluster.ClusterUnavailableException;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the cluster (or find it running) and print its kubeconfig.",
                "kind: pulls the node image once, then keeps the node running between sessions."})
final class ClusterUpCommand extends ClusterVerb {

    @Override
    public Integer call() throws ClusterUnavailableException {
        PrintWriter out = out();
        ClusterBackend backend = clusterOptions.backend();
        long t0 = System.nanoTime();
        Cluster c = backend.up(progress());
        out.printf("%s: up in %.1f s — %s%n", backend.name(), secondsSince(t0), c.describe());
        out.println("kubeconfig: " + c.kubeconfig());
        out.flush();
        return ExitCode.OK;
    }
}
