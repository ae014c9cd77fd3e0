package dev.kubelab.repl;

import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.workshop.JoinFile;
import dev.kubelab.workshop.WorkshopFile;
import dev.kubelab.workshop.WorkshopServer;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A REPL joined to a workshop ({@code kubelab --workshop FILE}) tells the instructor's server what the
 * learner does, with the learner's own token; without a cluster it still runs (no setup offered).
 */
class WorkshopJoinReplTest {

    @TempDir
    Path tmp;

    @Test
    void aJoinedReplSendsStepEventsToTheInstructor() throws Exception {
        WorkshopFile ws = new WorkshopFile("ut", "instructor-token", Map.of("ana", "token-ana", "bo", "token-bo"),
                List.of("pod-ips"), "http://127.0.0.1:0");
        try (WorkshopServer server = WorkshopServer.start(ws, tmp.resolve("events"), "127.0.0.1", 0,
                List.of("pod-ips/pod-ip", "pod-ips/count"), Map.of())) {
            JoinFile join = new JoinFile("ut", "ana", "ut-ana", tmp.resolve("ana.kubeconfig"), "http://127.0.0.1:" + server.port(),
                    "token-ana", Map.of(), false);
            ReplHarness h = new ReplHarness(tmp);
            Map<String, String> env = Map.copyOf(h.env);
            ReplConfig config = new ReplConfig("test", env, ReplHarness.LESSONS, tmp,
                    progress -> {
                        throw new ClusterUnavailableException("the workshop's cluster is not reachable (test)");
                    }, false, false).joining(join);
            String input = "/open 1\n/next\n/quit\n";
            try (Terminal t = ReplLauncher.dumb(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), h.out)) {
                ReplLauncher.run(config, t, null);
            }
            String out = h.output();
            assertTrue(out.contains("Joined workshop ut as ana (your namespaces: ut-ana-*; progress goes to http://127.0.0.1:"), out);
            assertTrue(!out.contains("build and start"), "no local cluster offered to a workshop learner:\n" + out);
            // /open 1 enters step 1, /next enters step 2: two step events, sent before /quit returned
            assertEquals(Map.of("ana", 2L, "bo", 0L).get("ana"), server.room().counts().get("ana"), out);
            assertEquals(0L, server.room().counts().get("bo"));
        }
    }
}
