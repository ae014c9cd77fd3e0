package dev.kubelab.cluster;

/**
 * {@code --cluster auto}, as a pure decision over what was observed: a running kubelab kind
 * node, then Docker (kind will be started), then the local cluster if it is up, else a message
 * saying what is missing.
 */
public final class AutoSelection {

    private AutoSelection() {
    }

    /** What was observed on this machine. */
    public record Facts(boolean kindRunning, DockerStatus docker, boolean localUp) {
    }

    public sealed interface Decision {
        /** Use kind; {@code start} when the node must be created or restarted first. */
        record Kind(boolean start) implements Decision {
        }

        record Local() implements Decision {
        }

        record Nothing(String message) implements Decision {
        }
    }

    public static final String NOTHING = "no cluster: Docker is not available for kind, and the local cluster "
            + "is not up. Start it with: clusters/local/kubelab-local build && clusters/local/kubelab-local up"
            + " (or use --cluster context:NAME --allow-existing-cluster)";

    public static Decision decide(Facts f) {
        if (f.kindRunning()) {
            return new Decision.Kind(false);
        }
        if (f.docker().available()) {
            return new Decision.Kind(true);
        }
        if (f.localUp()) {
            return new Decision.Local();
        }
        // the same words whatever the machine (the REPL's golden transcripts show them); the Docker
        // detail is in `kubelab cluster status`
        return new Decision.Nothing(NOTHING);
    }

    /** Observes this machine: Docker within ~2 s, the kind node through the socket, the local state dir. */
    public static Facts observe(KindBackend kind, LocalBackend local) {
        DockerStatus d = kind.docker();
        boolean kindRunning = d.available() && kind.running().isPresent();
        return new Facts(kindRunning, d, local.looksUp());
    }
}
