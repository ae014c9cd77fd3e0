package dev.kubelab.session;

import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.LessonParser;
import dev.kubelab.lesson.Problem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The lessons found under some paths (files or folders of {@code *.md}, README.md excluded), in file-name order. */
public record LessonCatalog(List<Lesson> lessons, List<Problem> problems) {

    public static LessonCatalog load(List<Path> paths) {
        LessonParser parser = new LessonParser();
        List<Lesson> lessons = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files(paths, problems)) {
            LessonParser.Result r = parser.parse(file);
            problems.addAll(r.problems());
            if (r.lesson() != null) {
                if (lessons.stream().anyMatch(l -> l.id().equals(r.lesson().id()))) {
                    problems.add(new Problem(file, 2, "lesson id '" + r.lesson().id() + "' is used by another lesson"));
                } else {
                    lessons.add(r.lesson());
                }
            }
        }
        return new LessonCatalog(List.copyOf(lessons), List.copyOf(problems));
    }

    static List<Path> files(List<Path> paths, List<Problem> problems) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.getFileName().toString().endsWith(".md"))
                            .filter(f -> !f.getFileName().toString().equalsIgnoreCase("README.md"))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    problems.add(new Problem(p, 1, "cannot list lessons: " + e.getMessage()));
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                problems.add(new Problem(p, 1, "no such file or folder"));
            }
        }
        return files;
    }

    public Optional<Lesson> find(String idOrNumber) {
        if (idOrNumber.matches("\\d+")) {
            int n = Integer.parseInt(idOrNumber) - 1;
            return n >= 0 && n < lessons.size() ? Optional.of(lessons.get(n)) : Optional.empty();
        }
        return lessons.stream().filter(l -> l.id().equals(idOrNumber)).findFirst();
    }
}
