package dev.kubelab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTest {

    static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void versionAndHelpEverywhere() {
        assertTrue(run("--version").out().startsWith("kubelab "));
        for (String verb : new String[] {"lessons", "lint", "verify"}) {
            CliRun r = run(verb, "--help");
            assertEquals(0, r.code(), verb);
            assertTrue(r.out().contains("Usage: kubelab " + verb), r.out());
        }
    }

    @Test
    void lintOfShippedLessonsIsClean() {
        CliRun r = run("lint", "lessons");
        assertEquals(0, r.code(), r.out());
    }

    @Test
    void lintOfBrokenLessonsExitsTwoWithFileLine() {
        CliRun r = run("lint", "src/test/resources/lessons/broken/unknown-block.md");
        assertEquals(2, r.code());
        assertTrue(r.out().startsWith("src/test/resources/lessons/broken/unknown-block.md:10: unknown block type 'predicton'"), r.out());
    }

    @Test
    void unknownVerbIsAUsageError() {
        CliRun r = run("lintt");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("lintt"), r.err());
        assertFalse(r.err().contains("Exception"));
    }

    @Test
    void verifyWithoutAClusterSaysWhatIsMissing() {
        CliRun r = run("verify", "--cluster", "context:nope", "--kubeconfig", "/nonexistent/kubeconfig");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("--allow-existing-cluster"), r.err());
        CliRun r2 = run("verify", "--cluster", "context:nope", "--kubeconfig", "/nonexistent/kubeconfig", "--allow-existing-cluster");
        assertEquals(3, r2.code());
        assertTrue(r2.err().contains("/nonexistent/kubeconfig does not exist"), r2.err());
        assertEquals(1, r2.err().strip().lines().count(), r2.err());
    }

    @Test
    void verifyOfAnUnknownLessonIsAUsageError() {
        CliRun r = run("verify", "no-such-lesson");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no lesson 'no-such-lesson'"), r.err());
    }
}
