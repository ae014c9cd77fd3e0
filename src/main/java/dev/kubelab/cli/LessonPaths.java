package dev.kubelab.cli;

import java.nio.file.Path;
import java.util.List;

/** Default lesson location when no path is given. */
final class LessonPaths {
    private LessonPaths() {
    }

    static List<Path> orDefault(List<Path> given) {
        return given == null || given.isEmpty() ? List.of(Main.root().resolve("lessons")) : given;
    }
}
