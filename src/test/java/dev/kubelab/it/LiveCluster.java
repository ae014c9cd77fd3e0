package dev.kubelab.it;

import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.kube.Kubectl;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The local cluster the live suite runs against. Without one, a live test FAILS with the reason:
 * it is never skipped and counted as passed. `./run-tests` starts the cluster first.
 */
public final class LiveCluster {

    private LiveCluster() {
    }

    public static LocalCluster require() {
        try {
            return LocalCluster.open(LocalCluster.stateDir(System.getenv()));
        } catch (ClusterUnavailableException e) {
            return fail("live test needs the local cluster: " + e.getMessage() + " (./run-tests starts it)");
        }
    }

    public static Path kubectl(LocalCluster cluster) {
        Path p = Kubectl.locate(System.getenv(), cluster.kubectl());
        if (p == null) {
            fail("no kubectl: the local cluster's bin/kubectl is missing");
        }
        return p;
    }

    public static Path sourceRoot() {
        String r = System.getenv("KUBELAB_SOURCE_ROOT");
        return r == null ? Path.of("").toAbsolutePath() : Path.of(r);
    }
}
