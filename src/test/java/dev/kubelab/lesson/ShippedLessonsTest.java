package dev.kubelab.lesson;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every lesson in lessons/ lints clean (the same rules as `kubelab lint lessons`). */
class ShippedLessonsTest {

    @Test
    void shippedLessonsLintClean() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("lessons"))) {
            files = s.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("README.md")).sorted().toList();
        }
        assertFalse(files.isEmpty());
        for (Path f : files) {
            assertEquals(List.of(), new LessonParser().parse(f).problems(), f.toString());
        }
        // every prerequisite names a shipped lesson, and comes before the lesson that needs it
        var catalog = dev.kubelab.session.LessonCatalog.load(List.of(Path.of("lessons")));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Lesson l : catalog.lessons()) {
            for (String before : l.requiresLessons()) {
                org.junit.jupiter.api.Assertions.assertTrue(seen.contains(before), l.id() + " requires " + before
                        + ", which is not an earlier lesson");
            }
            seen.add(l.id());
        }
    }
}
