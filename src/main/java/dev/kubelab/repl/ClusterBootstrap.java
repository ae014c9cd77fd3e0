package dev.kubelab.repl;

import dev.kubelab.kube.ProcessResult;
import dev.kubelab.kube.ProcessRunner;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * No cluster: explain, and offer to build and start the local one ({@code clusters/local/kubelab-local
 * build}, then {@code up}), streaming its progress. Without a person at the keyboard (no tty, or
 * {@code CI} set) it prints the exact commands instead of asking.
 */
final class ClusterBootstrap {

    private final Repl repl;

    ClusterBootstrap(Repl repl) {
        this.repl = repl;
    }

    void offer() {
        Console c = repl.console();
        LessonSession s = repl.session();
        c.warn("No cluster: " + s.clusterProblem().replaceFirst("^no cluster: ", ""));
        c.println("  You can still read every lesson and answer its predictions; commands and checks need a cluster.");
        Path script = repl.config().root().resolve("clusters/local/kubelab-local");
        if (!java.nio.file.Files.isExecutable(script)) {
            c.println("  Point kubelab at a cluster with --cluster context:NAME --allow-existing-cluster.");
            c.println();
            return;
        }
        String build = script + " build";
        String up = script + " up";
        if (!repl.config().interactive()) {
            c.println("  To build and start kubelab's own local cluster (as root; ~30 min the first time, seconds after):");
            c.println("    " + build + " && " + up);
            c.println();
            return;
        }
        c.println("  kubelab can build and start its own single-node cluster on this machine (as root;");
        c.println("  about 30 minutes the first time, seconds afterwards):");
        c.println("    " + build + " && " + up);
        String answer;
        try {
            answer = repl.reader().readLine("? Build and start it now? [y/N] ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        }
        repl.console().transcript().input("answer", answer);
        if (!answer.strip().toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
            c.println("  Fine: run those commands whenever you like, then restart kubelab.");
            c.println();
            return;
        }
        if (run(script, "build") && run(script, "up")) {
            if (s.connect()) {
                c.ok("Cluster up: " + s.cluster().describe());
            } else {
                c.warn("the cluster started but kubelab cannot use it: " + s.clusterProblem());
            }
        }
        c.println();
    }

    private boolean run(Path script, String verb) {
        Console c = repl.console();
        c.println("$ " + script + " " + verb + "   (Ctrl-C stops it)");
        repl.busy(Thread.currentThread());
        try {
            ProcessResult r = ProcessRunner.run(List.of(script.toString(), verb), repl.config().env(), null, Duration.ofHours(2),
                    c.stream(), c.stream());
            if (!r.ok()) {
                c.warn(script.getFileName() + " " + verb + " failed (exit " + r.exitCode() + "); its output is above.");
                return false;
            }
            return true;
        } catch (IOException e) {
            c.warn(e.getMessage());
            return false;
        } finally {
            repl.busy(null);
            Thread.interrupted();
        }
    }
}
