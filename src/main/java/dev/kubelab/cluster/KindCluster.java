package dev.kubelab.cluster;

import java.nio.file.Path;
import java.util.Map;

/**
 * kubelab's own single-node kind cluster in Docker (started through kindcontainer, kept running
 * between sessions, removed by {@code kubelab cluster down}). Pods pull the public pinned images.
 */
public final class KindCluster implements Cluster {

    private final Path kubeconfig;
    private final String containerId;

    KindCluster(Path kubeconfig, String containerId) {
        this.kubeconfig = kubeconfig;
        this.containerId = containerId;
    }

    @Override
    public String describe() {
        return "kind (Docker container " + shortId(containerId) + ", Kubernetes " + KindBackend.KUBERNETES_VERSION + ")";
    }

    static String shortId(String id) {
        return id == null ? "?" : id.substring(0, Math.min(12, id.length()));
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public String context() {
        return null;
    }

    @Override
    public Path kubectl() {
        return null;
    }

    @Override
    public Map<String, String> images() {
        return Images.PUBLIC;
    }

    @Override
    public boolean ownedByKubelab() {
        return true;
    }
}
