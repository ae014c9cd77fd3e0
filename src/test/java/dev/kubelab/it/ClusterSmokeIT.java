package dev.kubelab.it;

import dev.kubelab.kube.ProcessResult;
import dev.kubelab.kube.ProcessRunner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The conformance smoke of clusters/local: the cluster behaves like kind for what the lessons teach. */
class ClusterSmokeIT {

    @Test
    void conformanceSmokePasses() throws IOException {
        LiveCluster.require();
        ProcessResult r = ProcessRunner.run(List.of("bash", LiveCluster.sourceRoot().resolve("clusters/local/test/smoke.sh").toString()),
                java.util.Map.of(), null, Duration.ofMinutes(8), System.out, System.err);
        assertFalse(r.timedOut(), "smoke.sh timed out");
        assertFalse(r.stdout().contains("FAIL"), r.stdout());
        assertEquals(0, r.exitCode(), r.combined());
    }
}
