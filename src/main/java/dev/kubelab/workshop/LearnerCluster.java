package dev.kubelab.workshop;

import dev.kubelab.cluster.Cluster;

import java.nio.file.Path;
import java.util.Map;

/** The shared cluster as a joined learner reaches it: their own kubeconfig (a ServiceAccount token), the workshop's images. */
public record LearnerCluster(JoinFile join, Path kubectl) implements Cluster {

    @Override
    public String describe() {
        return "workshop " + join.workshop() + " as learner " + join.learner() + " (namespaces " + join.prefix() + "-*)";
    }

    @Override
    public Path kubeconfig() {
        return join.kubeconfig();
    }

    @Override
    public String context() {
        return null;
    }

    @Override
    public Map<String, String> images() {
        return join.images();
    }

    @Override
    public boolean ownedByKubelab() {
        return false;
    }
}
