package dev.kubelab.cli;

import dev.kubelab.repl.ReplLauncher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Starts the REPL (or a demo) with the process's terminal. */
final class ReplCommand {

    private ReplCommand() {
    }

    static int start(ClusterOptions clusterOptions, Path lessonsDir, String demoLesson) {
        Path lessons = lessonsDir != null ? lessonsDir : Main.root().resolve("lessons");
        try {
            // with progress: auto may start the kind node, which takes a while
            return ReplLauncher.start(VersionProvider.VERSION, progress -> dev.kubelab.cluster.ClusterChoice.choose(
                    clusterOptions.cluster, clusterOptions.kubeconfig, clusterOptions.allowExisting, System.getenv(), progress),
                    lessons, Main.root(), System.getenv(), demoLesson);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }
}
