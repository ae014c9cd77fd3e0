package dev.kubelab.repl;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.workshop.JoinFile;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the REPL runs: environment (KUBELAB_HOME, KUBELAB_KUBECTL, NO_COLOR, CI ...), where lessons
 * and the source tree are, how to open a cluster, and whether a person is at the keyboard.
 *
 * @param root        the kubelab folder (clusters/local lives there)
 * @param interactive a person can answer questions (a tty, and CI is not set)
 * @param color       styled output (a tty and NO_COLOR unset)
 * @param workshop    the workshop joined with {@code --workshop FILE}, or null
 */
public record ReplConfig(String version, Map<String, String> env, Path lessonsDir, Path root, ClusterSource clusters,
                         boolean interactive, boolean color, JoinFile workshop) {

    /**
     * Opens the cluster lessons run on (it may have to start one: {@code progress} hears what it is
     * doing); throws with a one-line explanation when there is none.
     */
    @FunctionalInterface
    public interface ClusterSource {
        Cluster open(java.util.function.Consumer<String> progress) throws ClusterUnavailableException;
    }

    public ReplConfig {
        env = Map.copyOf(env);
    }

    /** Not joined to a workshop. */
    public ReplConfig(String version, Map<String, String> env, Path lessonsDir, Path root, ClusterSource clusters,
                      boolean interactive, boolean color) {
        this(version, env, lessonsDir, root, clusters, interactive, color, null);
    }

    public ReplConfig joining(JoinFile join) {
        return new ReplConfig(version, env, lessonsDir, root, clusters, interactive, color, join);
    }

    public Path dataDir() {
        return ProgressStore.dataDir(env);
    }
}
