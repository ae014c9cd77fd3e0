package dev.kubelab.repl;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions that span restarts or need a signal: resume, Ctrl-C on a hung command, a crash mid-save. */
class ReplSessionTest {

    @TempDir
    Path tmp;

    @Test
    void resumesWhereTheLearnerLeftOff() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        h.run("/open pod-ips\nno\n2\n/next\n/quit\n");
        String progress = Files.readString(tmp.resolve("data/progress.yaml"));
        assertTrue(progress.contains("current: pod-ips"), progress);
        assertTrue(progress.contains("answer: 'no'") || progress.contains("answer: no"), progress);
        h.run("/status\n");
        Golden.assertMatches("resume", h.normalised());
    }

    @Test
    void aLessonWhosePrerequisiteIsUnfinishedSaysSoAndOpensAnyway() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        String out = h.run("/lessons\n/open 2\n/quit\n");
        assertTrue(out.contains("intermediate") && out.contains("Suggested next: /open 1 (Pod IPs (REPL test lesson))"), out);
        assertTrue(out.contains("This lesson builds on Pod IPs (REPL test lesson) (1), not finished yet: go on, or /open that first."), out);
        assertTrue(out.contains("A name in front of pods"), "the lesson opened anyway:\n" + out);
    }

    @Test
    void ctrlCStopsAHungCommandNotTheRepl() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        String input = "kubectl logs -f web\nkubectl get pods\n";
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> h.run(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), terminal -> pressCtrlCWhen(h, terminal)));
        Golden.assertMatches("ctrl-c", h.normalised());
    }

    @Test
    void ctrlCStopsARunawaySnippet() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        String input = "while (true) { }\n6 * 7\n";
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> h.run(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), terminal -> {
                    Thread t = new Thread(() -> {
                        while (!h.output().contains("stopped the snippet")) {
                            sleep(300);
                            if (h.output().contains("while (true)") && !h.output().contains("stopped the snippet")) {
                                terminal.raise(Terminal.Signal.INT);
                            }
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                }));
        Golden.assertMatches("ctrl-c-java", h.normalised());
    }

    /** Presses Ctrl-C once the fake kubectl says it hangs. */
    private static void pressCtrlCWhen(ReplHarness h, Terminal terminal) {
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline && !h.output().contains("this never ends")) {
                sleep(20);
            }
            sleep(100);
            terminal.raise(Terminal.Signal.INT);
        });
        t.setDaemon(true);
        t.start();
    }

    @Test
    void progressSurvivesACrashMidSave() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        h.run("/open pod-ips\nyes\n5\n/quit\n");
        Path file = tmp.resolve("data/progress.yaml");
        String before = Files.readString(file);

        ProgressStore store = new ProgressStore(tmp.resolve("data"));
        Progress p = store.load().progress();
        p.moveTo("pod-ips", "count");
        store.beforeRename = () -> {
            throw new IllegalStateException("simulated crash between write and rename");
        };
        try {
            store.save(p);
        } catch (IllegalStateException expected) {
            // the process "died" here
        }
        assertTrue(Files.readString(file).equals(before), "the progress file changed although the save never completed");
        h.run("/status\n");
        assertTrue(h.output().contains("step:     1 of 2: Every pod gets an IP"), h.output());
        Golden.assertNoStackTrace(h.output());
    }

    @Test
    void aCorruptProgressFileIsKeptAsideWithAWarning() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        Files.createDirectories(tmp.resolve("data"));
        Files.writeString(tmp.resolve("data/progress.yaml"), "version: 1\nlessons: [unclosed\n");
        h.run("/status\n");
        assertTrue(h.output().contains("could not be read"), h.output());
        try (var files = Files.list(tmp.resolve("data"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("progress.corrupt-")), "corrupt file not kept");
        }
        Golden.assertNoStackTrace(h.output());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
