package dev.kubelab.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Where lessons run. A backend supplies the kubeconfig, its own kubectl if it has one, and the
 * image each logical lesson image ({@code busybox}, {@code debug}) maps to on that backend.
 */
public interface Cluster {

    /** One line for the banner, e.g. {@code local (clusters/local, /var/lib/kubelab/local)}. */
    String describe();

    Path kubeconfig();

    /** The kube context to use, or null for the kubeconfig's current one. */
    String context();

    /** The backend's own kubectl (may be null: then KUBELAB_KUBECTL or PATH). */
    Path kubectl();

    /** Logical image name → image reference runnable on this backend (pinned). */
    Map<String, String> images();

    /** Whether kubelab created this cluster (so cluster-scoped lesson objects are allowed). */
    boolean ownedByKubelab();

    /**
     * Waits (at most {@code max}) until the cluster's Service proxy has programmed the endpoint changes made up to
     * {@code changedAt}: pods are Ready and listed in their EndpointSlices a second or more before kube-proxy routes
     * a ClusterIP to them, and a prediction graded in that window would be graded against a half-made cluster.
     * Only a backend that can see its proxy's progress waits; the others return at once (checks poll anyway).
     */
    default void awaitServiceRules(Instant changedAt, Duration max) {
    }
}
