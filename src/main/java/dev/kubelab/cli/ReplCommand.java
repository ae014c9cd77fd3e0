package dev.kubelab.cli;

import dev.kubelab.repl.ReplConfig;
import dev.kubelab.repl.ReplLauncher;
import dev.kubelab.workshop.JoinFile;
import dev.kubelab.workshop.LearnerCluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Starts the REPL (or a demo) with the process's terminal. */
final class ReplCommand {

    private ReplCommand() {
    }

    static int start(ClusterOptions clusterOptions, Path lessonsDir, String demoLesson) {
        try {
            dev.kubelab.cluster.ClusterChoice.checkSpec(clusterOptions.cluster);
        } catch (dev.kubelab.cluster.ClusterSpecException e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        }
        // with progress: auto may start the kind node, which takes a while
        return start(lessonsDir, demoLesson, null, progress -> dev.kubelab.cluster.ClusterChoice.choose(
                clusterOptions.cluster, clusterOptions.kubeconfig, clusterOptions.allowExisting, clusterOptions.env(), progress));
    }

    /** Joined to a workshop: the shared cluster as the learner's ServiceAccount, lessons in their slice. */
    static int startJoined(Path joinFile, Path lessonsDir) {
        JoinFile join = WorkshopJoin.readJoinFile(joinFile);
        LearnerCluster cluster = WorkshopJoin.learnerCluster(join);
        return start(lessonsDir, null, join, progress -> cluster);
    }

    private static int start(Path lessonsDir, String demoLesson, JoinFile join, ReplConfig.ClusterSource clusters) {
        Path lessons = lessonsDir != null ? lessonsDir : Main.root().resolve("lessons");
        try {
            return ReplLauncher.start(VersionProvider.VERSION, clusters, lessons, Main.root(), System.getenv(), demoLesson, join);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }
}
