package dev.kubelab.cli;

import dev.kubelab.cluster.BackendStatus;
import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.cluster.KindBackend;
import dev.kubelab.cluster.LocalBackend;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show each backend's state and which one lessons would use.",
                "Exit code 0 when that backend is up, 3 when it is not."})
final class ClusterStatusCommand extends ClusterVerb {

    @Override
    public Integer call() throws ClusterUnavailableException {
        PrintWriter out = out();
        BackendStatus chosen;
        if ("auto".equals(clusterOptions.cluster)) {
            BackendStatus kind = KindBackend.fromEnv(System.getenv()).status();
            BackendStatus local = LocalBackend.fromEnv(System.getenv(), Main.root()).status();
            out.println("kind:   " + kind.line());
            out.println("local:  " + local.line());
            ClusterBackend b = clusterOptions.backend();
            chosen = b.name().equals("kind") ? kind : local;
            String other = b.name().equals("kind") ? "local" : "kind";
            boolean otherUp = b.name().equals("kind") ? local.up() : kind.up();
            out.println("auto:   " + b.name() + (chosen.up() ? ""
                    : " — not running; lessons would start it" + (otherUp ? " (" + other + " is up: --cluster " + other + " uses it)"
                    : " (kubelab cluster up --cluster " + b.name() + ")")));
        } else {
            ClusterBackend b = clusterOptions.backend();
            chosen = b.status();
            out.println(b.name() + ": " + chosen.line());
        }
        out.flush();
        return chosen.up() ? ExitCode.OK : ExitCode.NO_CLUSTER;
    }
}
