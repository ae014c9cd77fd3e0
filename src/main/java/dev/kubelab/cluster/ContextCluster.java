package dev.kubelab.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An existing kube context the user named explicitly. kubelab creates only labelled, namespaced
 * objects there and deletes only what carries its label (enforced by the session layer).
 */
public final class ContextCluster implements Cluster {

    private final Path kubeconfig;
    private final String context;
    private final Map<String, String> images;

    public ContextCluster(Path kubeconfig, String context, Map<String, String> images) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.images = Map.copyOf(images);
    }

    /** Refuses without the explicit flag: kubelab never touches a cluster it did not create by accident. */
    public static ContextCluster open(Path kubeconfig, String context, boolean allowed) throws ClusterUnavailableException {
        if (!allowed) {
            throw new ClusterUnavailableException("--cluster context:" + context
                    + " uses a cluster kubelab did not create; add --allow-existing-cluster to confirm");
        }
        if (kubeconfig == null || !Files.isRegularFile(kubeconfig)) {
            throw new ClusterUnavailableException("kubeconfig " + kubeconfig + " does not exist; pass --kubeconfig FILE");
        }
        return new ContextCluster(kubeconfig, context, Images.PUBLIC);
    }

    @Override
    public String describe() {
        return "context " + context + " (" + kubeconfig + ")";
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public Path kubectl() {
        return null;
    }

    @Override
    public Map<String, String> images() {
        return images;
    }

    @Override
    public boolean ownedByKubelab() {
        return false;
    }
}
