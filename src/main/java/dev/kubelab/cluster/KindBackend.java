package dev.kubelab.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The kind backend. Everything but {@code up} on a cluster that is not yet running talks to the
 * Docker socket directly ({@link DockerEngine}), so status, auto-selection and down are fast and
 * never load Testcontainers; only creating the node goes through kindcontainer ({@link KindStarter}).
 */
public final class KindBackend implements ClusterBackend {

    /** The node image kindcontainer's {@code VERSION_1_34_0} names (kindest/node:v1.34.0). */
    public static final String KUBERNETES_VERSION = "v1.34.0";
    public static final String NODE_IMAGE = "kindest/node:" + KUBERNETES_VERSION;
    /** kindcontainer's volume for a reused node named "kubelab" (its /var/lib/containerd). */
    public static final String VOLUME = "kindcontainer-reuse-kubelab";
    static final String LABEL_VALUE = "kind";

    private final DockerEngine docker;
    private final Path state;

    public KindBackend(DockerEngine docker, Path state) {
        this.docker = docker;
        this.state = state;
    }

    public static KindBackend fromEnv(Map<String, String> env) {
        return new KindBackend(new DockerEngine(DockerEngine.endpoint(env), Duration.ofMillis(1500)), stateDir(env));
    }

    /** {@code KUBELAB_KIND_STATE}, else {@code $XDG_STATE_HOME/kubelab/kind}, else {@code ~/.local/state/kubelab/kind}. */
    public static Path stateDir(Map<String, String> env) {
        String s = env.get("KUBELAB_KIND_STATE");
        if (s != null && !s.isBlank()) {
            return Path.of(s);
        }
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(env.getOrDefault("HOME", "/root"), ".local", "state");
        return base.resolve("kubelab").resolve("kind");
    }

    /** The one-line answer when Docker is missing: what is wrong and the two ways on. */
    public static String dockerMissing(String reason) {
        return "Docker is not available: " + reason + ". The kind backend needs a running Docker engine: start it "
                + "(e.g. 'systemctl start docker' or Docker Desktop) or set DOCKER_HOST. Without Docker, use the local "
                + "cluster (Linux, root): clusters/local/kubelab-local build && clusters/local/kubelab-local up, then --cluster local";
    }

    @Override
    public String name() {
        return "kind";
    }

    public DockerStatus docker() {
        return docker.ping();
    }

    /** The pinned node image, present in Docker (so starting needs no pull)? */
    public boolean nodeImagePresent() throws IOException, TimeoutException {
        return docker.imagePresent(NODE_IMAGE);
    }

    public Path kubeconfig() {
        return state.resolve("kubeconfig");
    }

    @Override
    public BackendStatus status() {
        DockerStatus d = docker.ping();
        if (d instanceof DockerStatus.Missing m) {
            return new BackendStatus.Unavailable(dockerMissing(m.reason()));
        }
        try {
            List<DockerEngine.Container> nodes = docker.containers(LABEL_VALUE);
            Optional<KindCluster> ready = ready(nodes);
            if (ready.isPresent()) {
                return new BackendStatus.Up("node " + KindCluster.shortId(nodes.get(0).id()) + ", API on 127.0.0.1:"
                        + nodes.get(0).apiServerPort() + ", kubeconfig " + kubeconfig());
            }
            if (!nodes.isEmpty()) {
                return new BackendStatus.Down("node container " + KindCluster.shortId(nodes.get(0).id()) + " is "
                        + nodes.get(0).state(), "kubelab cluster up --cluster kind");
            }
            return new BackendStatus.Down("no kubelab kind node in Docker at " + docker.endpoint(), "kubelab cluster up --cluster kind");
        } catch (IOException | TimeoutException e) {
            return new BackendStatus.Unavailable("Docker at " + docker.endpoint() + " answered /_ping but not the container list: "
                    + e.getMessage());
        }
    }

    /** A running kubelab node whose kubeconfig on disk points at its current API port. */
    public Optional<KindCluster> running() {
        if (!docker.ping().available()) {
            return Optional.empty();
        }
        try {
            return ready(docker.containers(LABEL_VALUE));
        } catch (IOException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private Optional<KindCluster> ready(List<DockerEngine.Container> nodes) {
        for (DockerEngine.Container c : nodes) {
            if (c.running() && c.apiServerPort() > 0 && Files.isRegularFile(kubeconfig())) {
                try {
                    if (Files.readString(kubeconfig()).contains(":" + c.apiServerPort())) {
                        return Optional.of(new KindCluster(kubeconfig(), c.id()));
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The running node, or creates/restarts it through kindcontainer (minutes the first time: the node image is pulled). */
    @Override
    public Cluster up(Consumer<String> progress) throws ClusterUnavailableException {
        DockerStatus d = docker.ping();
        if (d instanceof DockerStatus.Missing m) {
            throw new ClusterUnavailableException(dockerMissing(m.reason()));
        }
        Optional<KindCluster> running = running();
        if (running.isPresent()) {
            progress.accept("kind node already running (" + running.get().describe() + ")");
            return running.get();
        }
        KindStarter.Started started = KindStarter.start(progress);
        try {
            Files.createDirectories(state);
            Path tmp = state.resolve("kubeconfig.tmp");
            Files.writeString(tmp, started.kubeconfig());
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the user's umask applies
            }
            Files.move(tmp, kubeconfig(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClusterUnavailableException("the kind node runs but its kubeconfig cannot be written to " + kubeconfig()
                    + ": " + e.getMessage());
        }
        return new KindCluster(kubeconfig(), started.containerId());
    }

    /** Removes every container labelled as kubelab's kind node, its containerd volume and the kubeconfig. */
    @Override
    public String down(Consumer<String> progress) throws ClusterUnavailableException {
        DockerStatus d = docker.ping();
        if (d instanceof DockerStatus.Missing m) {
            throw new ClusterUnavailableException(dockerMissing(m.reason()) + " (nothing of kind's can run without it)");
        }
        int containers = 0;
        boolean volume;
        try {
            for (DockerEngine.Container c : docker.containers(LABEL_VALUE)) {
                progress.accept("removing node container " + KindCluster.shortId(c.id()));
                docker.removeContainer(c.id());
                containers++;
            }
            volume = docker.removeVolume(VOLUME);
        } catch (IOException | TimeoutException e) {
            throw new ClusterUnavailableException("could not remove the kind node: " + e.getMessage());
        }
        boolean config = false;
        try {
            config = Files.deleteIfExists(kubeconfig());
            Files.deleteIfExists(state);
        } catch (IOException e) {
            progress.accept("left " + state + ": " + e.getMessage());
        }
        return "kind: removed " + containers + " container(s)" + (volume ? ", volume " + VOLUME : "")
                + (config ? ", " + kubeconfig() : "") + (containers == 0 && !volume && !config ? " (nothing was there)" : "");
    }
}
