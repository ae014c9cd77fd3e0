package dev.kubelab.workshop;

import dev.kubelab.it.LiveCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A lessons folder for a workshop test: the platform manifests and the lessons named, copied from lessons/. */
final class LessonCopies {

    private LessonCopies() {
    }

    /** Copies into {@code tmp/lessons}; a named lesson that is not in lessons/ any more is left out. */
    static Path of(Path tmp, String... lessonFiles) throws IOException {
        Path src = LiveCluster.sourceRoot().resolve("lessons");
        Path dst = tmp.resolve("lessons");
        Files.createDirectories(dst.resolve("platform"));
        try (Stream<Path> s = Files.list(src.resolve("platform"))) {
            for (Path p : s.toList()) {
                Files.copy(p, dst.resolve("platform").resolve(p.getFileName()));
            }
        }
        for (String f : lessonFiles) {
            if (Files.exists(src.resolve(f))) {
                Files.copy(src.resolve(f), dst.resolve(f));
            }
        }
        return dst;
    }

    static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
