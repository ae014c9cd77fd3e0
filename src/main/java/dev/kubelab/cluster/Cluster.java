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
     * How long after the last endpoint change a Service proxy that cannot be watched is given: kube-proxy syncs its
     * rules at most once a second by default, and on the local cluster (which can be watched) network programming
     * took 1.5 s on average.
     */
    Duration UNWATCHED_PROXY_GRACE = Duration.ofSeconds(3);

    /**
     * Waits (at most {@code max}) until the cluster's Service proxy has programmed the endpoint changes made up to
     * {@code changedAt}: pods are Ready and listed in their EndpointSlices a second or more before kube-proxy routes
     * a ClusterIP to them, and a prediction graded in that window would be graded against a half-made cluster.
     * A backend that can see its proxy's progress overrides this; here, with nothing to watch, it waits until
     * {@link #UNWATCHED_PROXY_GRACE} after the change, and never longer than that grace (the change time is on the
     * cluster's clock, which may be ahead of ours).
     */
    default void awaitServiceRules(Instant changedAt, Duration max) {
        Duration left = Duration.between(Instant.now(), changedAt.plus(UNWATCHED_PROXY_GRACE));
        long millis = Math.min(left.toMillis(), Math.min(UNWATCHED_PROXY_GRACE.toMillis(), max.toMillis()));
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
