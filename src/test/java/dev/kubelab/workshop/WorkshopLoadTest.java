package dev.kubelab.workshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The load run, smaller (50 learners x 8 events, loopback, bounded at 90 s): nothing is lost across a restart mid-run. */
class WorkshopLoadTest {

    @TempDir
    Path dir;

    @Test
    void fiftyLearnersLoseNothingAcrossARestart() throws Exception {
        WorkshopLoad.Result r = WorkshopLoad.run(50, 8, 0, dir, Duration.ofSeconds(90));
        System.out.println(r.summary());
        assertEquals(400, r.stored(), r.summary());
        assertEquals(400, r.shown(), r.summary());
        assertTrue(r.lossless(), r.summary());
    }
}
