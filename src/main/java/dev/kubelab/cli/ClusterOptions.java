package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterBackend;
import dev.kubelab.cluster.ClusterChoice;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.kube.Kubectl;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --cluster, --kubeconfig, --allow-existing-cluster, shared by every verb that needs a cluster. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "BACKEND", defaultValue = "auto",
            description = "auto (default), kind, local, or context:NAME (needs --allow-existing-cluster)")
    String cluster;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig for --cluster context:NAME")
    Path kubeconfig;

    @Option(names = "--allow-existing-cluster",
            description = "allow kubelab to create its labelled namespaces in a cluster it did not create")
    boolean allowExisting;

    @Option(names = "--images", paramLabel = "FILE",
            description = "logical=image properties (busybox=REF, debug=REF) for a context's cluster that pulls from a mirror "
                    + "or cannot pull (default: public pinned images; same as KUBELAB_IMAGES)")
    Path images;

    /** The ready cluster; starting kind (with progress on stderr) when it is chosen and not running. */
    Cluster open() throws ClusterUnavailableException {
        return ClusterChoice.choose(cluster, kubeconfig, allowExisting, env(),
                progressTo(new java.io.PrintWriter(System.err, true)));
    }

    /** The backend {@code kubelab cluster up|down|status} acts on. */
    ClusterBackend backend() throws ClusterUnavailableException {
        return ClusterChoice.backend(cluster, kubeconfig, allowExisting, env(), Main.root());
    }

    /** The process environment, with {@code --images} as KUBELAB_IMAGES (the flag wins). */
    java.util.Map<String, String> env() {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        if (images != null) {
            env.put("KUBELAB_IMAGES", images.toString());
        }
        return env;
    }

    /** Progress lines of a starting or stopping cluster, flushed one by one. */
    static java.util.function.Consumer<String> progressTo(java.io.PrintWriter err) {
        return line -> {
            synchronized (err) {
                err.println("  " + line);
                err.flush();
            }
        };
    }

    static Path kubectlFor(Cluster cluster) {
        Path p = Kubectl.locate(System.getenv(), cluster.kubectl());
        if (p == null) {
            throw new UserError(ExitCode.NO_CLUSTER, "kubectl not found: set KUBELAB_KUBECTL, put kubectl on PATH, "
                    + "or start the local cluster (it builds one)");
        }
        return p;
    }
}
