package dev.kubelab.workshop;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;
import dev.kubelab.session.NetworkPolicySelfTest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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

    /** The lesson's logical namespaces mapped into the learner's slice. */
    public static NamespaceMap namespaces(JoinFile join, Lesson lesson) {
        return new NamespaceMap(join.prefix(), lesson.namespaces());
    }

    /** A runtime in the learner's pre-provisioned namespaces (their Role cannot create or delete namespaces). */
    public static LessonRuntime runtime(JoinFile join, Lesson lesson, Cluster cluster, Path kubectl) throws IOException {
        NetworkPolicySelfTest.Result np = join.networkPolicyEnforced()
                ? new NetworkPolicySelfTest.Result.Enforced(Duration.ZERO, Duration.ZERO) : null;
        return new LessonRuntime(lesson, cluster, namespaces(join, lesson), kubectl).preProvisioned(np);
    }
}
