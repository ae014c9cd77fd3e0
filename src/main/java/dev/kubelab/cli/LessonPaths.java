package dev.kubelab.cli;

import dev.kubelab.session.LessonCatalog;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.List;

/** The lesson files or folders a verb reads ({@code lessons/} when none is given), as a picocli mixin. */
final class LessonPaths {

    @CommandLine.Parameters(paramLabel = "PATH", description = "lesson files or folders (default: lessons/)")
    List<Path> paths;

    LessonCatalog load() {
        return LessonCatalog.load(paths == null || paths.isEmpty() ? List.of(Main.root().resolve("lessons")) : paths);
    }
}
