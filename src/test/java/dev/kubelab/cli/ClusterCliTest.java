package dev.kubelab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubelab cluster ...}: verbs, help and the one-line errors (no cluster needed). */
class ClusterCliTest {

    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void helpListsTheVerbs() {
        CliRun r = run("cluster", "--help");
        assertEquals(0, r.code());
        for (String verb : new String[] {"up", "down", "status"}) {
            assertTrue(r.out().contains("  " + verb + " "), r.out());
            assertEquals(0, run("cluster", verb, "--help").code(), verb);
        }
        assertTrue(run("cluster", "up", "--help").out().contains("auto (default), kind, local, or context:NAME"));
    }

    @Test
    void aBareClusterIsUsageError() {
        CliRun r = run("cluster");
        assertEquals(ExitCode.INVALID, r.code());
        assertTrue(r.err().contains("kubelab cluster up|down|status"), r.err());
    }

    @Test
    void unknownBackendIsBadInputInOneLine() {
        CliRun r = run("cluster", "status", "--cluster", "minikube");
        assertEquals(ExitCode.INVALID, r.code());
        assertEquals("kubelab: unknown --cluster 'minikube' (auto, kind, local, context:NAME)", r.err().strip());
    }

    @Test
    void kubelabNeverRemovesAClusterItDidNotCreate() {
        CliRun r = run("cluster", "down", "--cluster", "context:prod", "--allow-existing-cluster");
        assertEquals(ExitCode.NO_CLUSTER, r.code());
        assertTrue(r.err().startsWith("kubelab: kubelab does not stop or remove a cluster it did not create"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anEmptyContextNameIsBadInputNotTheCurrentContext() {
        for (String verb : new String[] {"up", "status"}) {
            CliRun r = run("cluster", verb, "--cluster", "context:", "--allow-existing-cluster");
            assertEquals(ExitCode.INVALID, r.code(), verb + ": " + r.err());
            assertEquals("kubelab: --cluster context: needs the name of a context (context:NAME); "
                    + "kubelab never falls back on the kubeconfig's current-context", r.err().strip());
        }
        CliRun verify = run("verify", "--cluster", "context:", "--allow-existing-cluster", "cluster-dns");
        assertEquals(ExitCode.INVALID, verify.code(), verify.err());
    }

    @Test
    void aContextNeedsTheExplicitFlag() {
        CliRun r = run("cluster", "up", "--cluster", "context:prod");
        assertEquals(ExitCode.NO_CLUSTER, r.code());
        assertTrue(r.err().contains("add --allow-existing-cluster"), r.err());
    }
}
