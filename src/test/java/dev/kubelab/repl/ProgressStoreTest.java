package dev.kubelab.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two REPLs on one progress file keep each other's progress; bad files are moved aside, unreadable ones kept. */
class ProgressStoreTest {

    @TempDir
    Path tmp;

    @Test
    void twoSessionsOnOneFileKeepEachOthersProgress() throws Exception {
        ProgressStore a = new ProgressStore(tmp);
        ProgressStore b = new ProgressStore(tmp);
        Progress pa = a.load().progress();
        Progress pb = b.load().progress();
        pa.moveTo("pod-ips", "pod-ip");
        pa.passed("pod-ips", "pod-ip", true);
        a.save(pa);
        pb.moveTo("cluster-dns", "short-names");
        pb.predicted("cluster-dns", "short-names", new Progress.PredictionRecord("q", "no", 80, "pass", Instant.parse("2026-12-01T10:00:00Z")));
        b.save(pb); // B never saw A's progress
        Progress both = new ProgressStore(tmp).load().progress();
        assertTrue(both.lesson("pod-ips").done(), "A's finished lesson survived B's save");
        assertEquals(Progress.Status.PASSED, both.lesson("pod-ips").step("pod-ip").status());
        assertEquals(1, both.lesson("cluster-dns").step("short-names").predictions().size());
        assertEquals("cluster-dns", both.currentLesson(), "where the learner is: the session that saved last");
    }

    @Test
    void concurrentSavesLoseNothingAndNeverTearTheFile() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> runs = new ArrayList<>();
        for (String who : List.of("a", "b")) {
            runs.add(pool.submit(() -> {
                ProgressStore store = new ProgressStore(tmp);
                Progress p = new Progress();
                for (int i = 0; i < 40; i++) {
                    p.predicted("l", "s", new Progress.PredictionRecord(who + i, "x", null, "pass",
                            Instant.parse("2026-12-01T10:00:00Z").plusSeconds(i * 2 + (who.equals("a") ? 0 : 1))));
                    store.save(p);
                }
                return null;
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        pool.shutdown();
        ProgressStore.Loaded loaded = new ProgressStore(tmp).load();
        assertNull(loaded.warning());
        assertEquals(80, loaded.progress().lesson("l").step("s").predictions().size());
    }

    @Test
    void nullEntriesOrABadDateAreMovedAsideNotACrash() throws Exception {
        for (String bad : List.of("version: 1\nlessons:\n  pod-ips: null\n",
                "version: 1\nlessons:\n  pod-ips:\n    steps:\n      a:\n        predictions:\n        - {id: q, answer: x, verdict: pass, at: yesterday}\n",
                "version: 1\nlessons:\n  pod-ips:\n    steps:\n      a: ~\n")) {
            Path dir = Files.createTempDirectory(tmp, "bad");
            Files.writeString(dir.resolve("progress.yaml"), bad);
            ProgressStore.Loaded loaded = new ProgressStore(dir).load();
            assertNotNull(loaded.warning(), bad);
            assertTrue(loaded.warning().contains("kept it as"), loaded.warning());
            assertTrue(Files.list(dir).anyMatch(p -> p.getFileName().toString().startsWith("progress.corrupt-")), bad);
        }
    }

    @Test
    void aFileThatCannotBeReadNowIsLeftWhereItIs() throws Exception {
        Path notAFile = Files.createDirectories(tmp.resolve("progress.yaml")); // reading it fails with an IOException
        ProgressStore.Loaded loaded = new ProgressStore(tmp).load();
        assertTrue(loaded.warning().contains("left as it is"), loaded.warning());
        assertTrue(Files.isDirectory(notAFile), "a transient read error moved the file aside");
        assertTrue(Files.list(tmp).noneMatch(p -> p.getFileName().toString().startsWith("progress.corrupt-")));
    }
}
