package dev.kubelab.cli;

import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.cluster.ClusterUnavailableException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = {"Stop and remove the cluster kubelab created, leaving nothing of it behind",
                "(kind: its container, volume and kubeconfig; local: processes, mounts, network, state).",
                "Never touches a cluster kubelab did not create."})
final class ClusterDownCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @Override
    public Integer call() throws ClusterUnavailableException {
        PrintWriter out = spec.commandLine().getOut();
        ClusterBackend backend = clusterOptions.backend();
        long t0 = System.nanoTime();
        String summary = backend.down(ClusterOptions.progressTo(spec.commandLine().getErr()));
        out.printf("%s (%.1f s)%n", summary, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return ExitCode.OK;
    }
}
