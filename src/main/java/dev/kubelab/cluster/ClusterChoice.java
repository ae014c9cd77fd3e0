package dev.kubelab.cluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * Picks the backend from {@code --cluster}: {@code auto} (the local cluster if it is up),
 * {@code local}, or {@code context:NAME} (needs --allow-existing-cluster).
 */
public final class ClusterChoice {

    private ClusterChoice() {
    }

    public static Cluster choose(String spec, Path kubeconfig, boolean allowExisting, Map<String, String> env)
            throws ClusterUnavailableException {
        String s = spec == null ? "auto" : spec;
        if (s.startsWith("context:")) {
            String ctx = s.substring("context:".length());
            Path kc = kubeconfig != null ? kubeconfig
                    : env.get("KUBECONFIG") != null ? Path.of(env.get("KUBECONFIG").split(java.io.File.pathSeparator)[0])
                    : Path.of(env.getOrDefault("HOME", "/root"), ".kube", "config");
            return ContextCluster.open(kc, ctx.isEmpty() ? null : ctx, allowExisting);
        }
        Path localState = LocalCluster.stateDir(env);
        switch (s) {
            case "local":
                return LocalCluster.open(localState);
            case "auto":
                if (LocalCluster.looksUp(localState)) {
                    return LocalCluster.open(localState);
                }
                throw new ClusterUnavailableException("no cluster: Docker is not available for kind, and the local cluster "
                        + "is not up. Start it with: clusters/local/kubelab-local build && clusters/local/kubelab-local up"
                        + " (or use --cluster context:NAME --allow-existing-cluster)");
            default:
                throw new ClusterUnavailableException("unknown --cluster '" + s + "' (auto, local, context:NAME)");
        }
    }
}
