package dev.kubelab.cluster;

import java.nio.file.Path;
import java.util.function.Consumer;

/** An existing kube context: usable only with --allow-existing-cluster, and never started or removed by kubelab. */
public final class ContextBackend implements ClusterBackend {

    private final Path kubeconfig;
    private final String context;
    private final boolean allowed;

    public ContextBackend(Path kubeconfig, String context, boolean allowed) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.allowed = allowed;
    }

    @Override
    public String name() {
        return "context:" + (context == null ? "" : context);
    }

    @Override
    public BackendStatus status() {
        try {
            Cluster c = up(m -> { });
            return new BackendStatus.Up(c.describe() + "; kubelab creates only namespaces labelled "
                    + "app.kubernetes.io/managed-by=kubelab there");
        } catch (ClusterUnavailableException e) {
            return new BackendStatus.Unavailable(e.getMessage());
        }
    }

    @Override
    public Cluster up(Consumer<String> progress) throws ClusterUnavailableException {
        return ContextCluster.open(kubeconfig, context, allowed);
    }

    @Override
    public String down(Consumer<String> progress) throws ClusterUnavailableException {
        throw new ClusterUnavailableException("kubelab does not stop or remove a cluster it did not create (" + name()
                + "); its own namespaces there carry app.kubernetes.io/managed-by=kubelab and are deleted when a lesson ends");
    }
}
