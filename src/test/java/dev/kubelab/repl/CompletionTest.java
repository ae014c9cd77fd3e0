package dev.kubelab.repl;

import org.jline.reader.Candidate;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab completion: /commands, lesson ids, kubectl verbs and resource types, Java through JShell. */
class CompletionTest {

    @TempDir
    Path tmp;

    private List<String> complete(Repl repl, String line) {
        ParsedLine parsed = repl.reader().getParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
        List<Candidate> out = new ArrayList<>();
        ((org.jline.reader.impl.LineReaderImpl) repl.reader()).getCompleter().complete(repl.reader(), parsed, out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void completesCommandsLessonsKubectlAndJava() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        Map<String, String> env = Map.copyOf(h.env);
        ReplConfig config = new ReplConfig("test", env, ReplHarness.LESSONS, tmp, ReplHarness.clusters(env), false, false);
        try (Terminal t = ReplLauncher.dumb(new ByteArrayInputStream(new byte[0]), h.out); Repl repl = new Repl(config, t)) {
            assertTrue(complete(repl, "/ne").contains("/next"));
            assertTrue(complete(repl, "/open ").contains("pod-ips"));
            assertTrue(complete(repl, "/reset ").contains("lesson"));
            assertTrue(complete(repl, "kubectl ").contains("port-forward"));
            assertTrue(complete(repl, "kubectl -n kl-repl get ").contains("pods"));
            assertTrue(complete(repl, "k get ").contains("svc"));
            repl.java().startInBackground();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!repl.java().isReady() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> java = complete(repl, "\"garage\".toUpp");
            assertTrue(java.contains("\"garage\".toUpperCase("), java.toString());
            assertTrue(complete(repl, "pod").contains("pods("), complete(repl, "pod").toString());
        }
    }
}
