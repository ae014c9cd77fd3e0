package dev.kubelab.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden transcripts: {@code transcripts/NAME.in} is typed, {@code transcripts/NAME.out} is what must be
 * printed. {@code -Dkubelab.golden.update=true} rewrites the expected files (review the diff!).
 */
final class Golden {

    static final Path DIR = Path.of("src/test/resources/transcripts");

    private Golden() {
    }

    static String input(String name) throws IOException {
        return Files.readString(DIR.resolve(name + ".in"), StandardCharsets.UTF_8);
    }

    static void assertMatches(String name, String actual) throws IOException {
        assertNoStackTrace(actual);
        Path expected = DIR.resolve(name + ".out");
        if (Boolean.getBoolean("kubelab.golden.update")) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
        }
        // a missing golden file is a failure, never a pass: run with -Dkubelab.golden.update=true to write it
        assertTrue(Files.exists(expected), "no golden file " + expected + " (write it with -Dkubelab.golden.update=true, "
                + "then read it before committing)");
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, "transcript " + name + " differs");
    }

    static void assertNoStackTrace(String output) {
        assertFalse(output.matches("(?s).*\\n\\s+at [\\w$.]+\\(.*"), "a stack trace reached the learner:\n" + output);
        assertFalse(output.contains("Exception in thread"), "an uncaught exception reached the learner:\n" + output);
    }
}
