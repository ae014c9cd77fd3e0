package dev.kubelab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The single-node cluster that {@code clusters/local/kubelab-local up} runs on this machine.
 * Its state directory holds {@code kubeconfig}, {@code images.properties} and {@code bin/kubectl}.
 */
public final class LocalCluster implements Cluster {

    public static final Path DEFAULT_STATE = Path.of("/var/lib/kubelab/local");

    private final Path state;
    private final Map<String, String> images;

    private LocalCluster(Path state, Map<String, String> images) {
        this.state = state;
        this.images = images;
    }

    public static Path stateDir(Map<String, String> env) {
        String s = env.get("KUBELAB_LOCAL_STATE");
        return s == null || s.isBlank() ? DEFAULT_STATE : Path.of(s);
    }

    /** The local cluster if its state says it is up; otherwise why not. */
    public static LocalCluster open(Path state) throws ClusterUnavailableException {
        Path kubeconfig = state.resolve("kubeconfig");
        if (!looksUp(state)) {
            throw new ClusterUnavailableException("the local cluster is not up (no " + kubeconfig
                    + "); start it with: clusters/local/kubelab-local up");
        }
        try {
            Path props = state.resolve("images.properties");
            Map<String, String> images = Files.isRegularFile(props) ? Images.load(props) : Map.of();
            return new LocalCluster(state, images);
        } catch (IOException e) {
            throw new ClusterUnavailableException("cannot read " + state.resolve("images.properties") + ": " + e.getMessage());
        }
    }

    /**
     * Whether the local cluster runs: its kubeconfig exists AND its API server process is alive.
     * The kubeconfig alone is not enough: it stays behind when the processes are killed from
     * outside (a machine stopped between a session and CI), and then nothing answers on it.
     */
    public static boolean looksUp(Path state) {
        if (!Files.isRegularFile(state.resolve("kubeconfig"))) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(state.resolve("run/kube-apiserver.pid")).strip());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "local (" + state + ")";
    }

    @Override
    public Path kubeconfig() {
        return state.resolve("kubeconfig");
    }

    @Override
    public String context() {
        return null;
    }

    @Override
    public Path kubectl() {
        return state.resolve("bin/kubectl");
    }

    @Override
    public Map<String, String> images() {
        return images;
    }

    @Override
    public boolean ownedByKubelab() {
        return true;
    }

    /** kube-proxy runs on this machine: its metrics (bound to 127.0.0.1:10249 by {@code up}) say when rules are in place. */
    @Override
    public void awaitServiceRules(java.time.Instant changedAt, java.time.Duration max) {
        new ProxySyncWatch(java.net.URI.create("http://127.0.0.1:10249/metrics")).await(changedAt, max);
    }
}
