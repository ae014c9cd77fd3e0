package dev.kubelab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Walk a lesson in front of a room: each step's prose, the room's prediction before the live answer,",
                "the solution commands run after a pause, and the checks. Enter goes on, q stops."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @CommandLine.Option(names = "--lessons", paramLabel = "DIR", description = "lesson folder (default: lessons/)")
    Path lessonsDir;

    @CommandLine.Parameters(paramLabel = "LESSON", description = "lesson id or number")
    String lesson;

    @Override
    public Integer call() {
        return ReplCommand.start(clusterOptions, lessonsDir, lesson);
    }
}
