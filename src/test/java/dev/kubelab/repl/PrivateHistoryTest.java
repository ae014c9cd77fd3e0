package dev.kubelab.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command history keeps no typed token and is readable by its owner only, also one written before. */
class PrivateHistoryTest {

    @TempDir
    Path tmp;

    @Test
    void aTypedTokenIsRedactedAndTheFileIsPrivate() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        Path dataDir = Path.of(h.env.get("KUBELAB_HOME"));
        Files.createDirectories(dataDir);
        Path history = dataDir.resolve("history");
        // a history from before: a token in clear, world-readable
        Files.writeString(history, "kubectl get pods --token=s3cr3t-from-yesterday\n");
        Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-r--r--"));
        h.run("!echo --token hunter2-typed-today\n/quit\n");
        String kept = Files.readString(history);
        assertFalse(kept.contains("s3cr3t-from-yesterday"), kept);
        assertFalse(kept.contains("hunter2-typed-today"), kept);
        assertTrue(kept.contains("--token REDACTED") || kept.contains("--token=REDACTED"), kept);
        assertTrue(kept.contains("/quit"), "the history is still kept:\n" + kept);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(history)));
    }
}
