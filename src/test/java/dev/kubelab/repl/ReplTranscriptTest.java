package dev.kubelab.repl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole scripted sessions through a dumb terminal (no cluster), compared with golden transcripts. */
class ReplTranscriptTest {

    @TempDir
    Path tmp;

    @Test
    void everySlashCommand() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        String cwd = System.getProperty("user.dir");
        h.run(Golden.input("commands").replace("out/session.md", tmp.resolve("out/session.md").toString()));
        Golden.assertMatches("commands", h.normalised());
        String md = Files.readString(tmp.resolve("out/session.md"));
        assertTrue(md.contains("## Step 1 of 2: Every pod gets an IP"), md);
        assertTrue(md.contains("> **Answer:** yes"), md);
        assertTrue(Files.readString(tmp.resolve("out/session.html")).contains("<h2>Step 1 of 2: Every pod gets an IP</h2>"));
        assertTrue(cwd.equals(System.getProperty("user.dir")));
    }

    @Test
    void javaSnippets() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        h.run(Golden.input("java"));
        Golden.assertMatches("java", h.normalised());
    }

    @Test
    void kubectlAndShellCommands() throws Exception {
        ReplHarness h = new ReplHarness(tmp);
        h.run(Golden.input("kubectl"));
        Golden.assertMatches("kubectl", h.normalised());
    }
}
