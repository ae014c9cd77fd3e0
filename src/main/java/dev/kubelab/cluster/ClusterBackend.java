package dev.kubelab.cluster;

import java.util.function.Consumer;

/**
 * A kind of cluster kubelab can run lessons on, with its life cycle: {@code kubelab cluster
 * up|down|status}. {@code up} returns the ready cluster (starting it when needed) and reports
 * progress as one-line messages; {@code down} removes what kubelab created and says what it removed.
 */
public interface ClusterBackend {

    /** {@code kind}, {@code local} or {@code context:NAME}. */
    String name();

    /** Cheap: no start, no pull; bounded by a few seconds. */
    BackendStatus status();

    Cluster up(Consumer<String> progress) throws ClusterUnavailableException;

    /** Removes the cluster and everything kubelab made for it; returns a one-line summary. */
    String down(Consumer<String> progress) throws ClusterUnavailableException;
}
