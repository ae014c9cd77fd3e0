package dev.kubelab.repl;

import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.it.LiveCluster;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code kubelab demo}: the room's prediction, the live reveal, solution commands after a pause, checks. */
class DemoLiveIT {

    @TempDir
    Path tmp;

    @Test
    void walksTheLessonForARoom() throws Exception {
        LocalCluster cluster = LiveCluster.require();
        ReplHarness h = ReplHarness.live(tmp);
        Map<String, String> env = Map.copyOf(h.env);
        ReplConfig config = new ReplConfig("test", env, ReplHarness.LESSONS, tmp,
                ReplHarness.clusters(env), false, false);
        // step 1: the room says "no" (wrong), Enter runs the solution; step 2: Enter reveals the count
        String input = "no\n\n\n\n";
        int[] code = new int[1];
        assertTimeoutPreemptively(Duration.ofMinutes(4), () -> {
            try (Terminal t = ReplLauncher.dumb(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), h.out)) {
                code[0] = ReplLauncher.run(config, t, "pod-ips");
            }
        });
        String out = h.output();
        Golden.assertNoStackTrace(out);
        assertEquals(0, code[0], out);
        assertTrue(out.contains("Demo: Pod IPs (REPL test lesson)"), out);
        assertTrue(out.contains("Ask the room: Does pod `web` have an IP address of its own?"), out);
        assertTrue(out.contains("✘ Not quite: you said no; the cluster says yes."), out);
        assertTrue(out.contains("$ kubectl -n kl-repl label pod web tier=front"), out);
        assertTrue(out.contains("pod/web labeled"), out);
        assertTrue(out.contains("✔ Check passed: pod web carries the label tier=front"), out);
        assertTrue(out.contains("The cluster says: 1"), out);
        assertTrue(out.contains("Demo over."), out);
        assertTrue(cluster.kubeconfig().toFile().exists());
    }
}
