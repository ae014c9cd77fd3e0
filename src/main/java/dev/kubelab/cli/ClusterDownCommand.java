package dev.kubelab.cli;

import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.cluster.ClusterUnavailableException;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop and remove the cluster kubelab created, leaving nothing of it behind",
                "(kind: its container, volume and kubeconfig; local: processes, mounts, network, state).",
                "Never touches a cluster kubelab did not create."})
final class ClusterDownCommand extends ClusterVerb {

    @Override
    public Integer call() throws ClusterUnavailableException {
        PrintWriter out = out();
        ClusterBackend backend = clusterOptions.backend();
        long t0 = System.nanoTime();
        String summary = backend.down(progress());
        out.printf("%s (%.1f s)%n", summary, secondsSince(t0));
        out.flush();
        return ExitCode.OK;
    }
}
