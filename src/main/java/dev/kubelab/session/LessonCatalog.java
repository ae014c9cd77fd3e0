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
        List<Lesson> lessons = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Path> files = files(paths, problems);
        // lessons parse independently (a parser each): on the first call after JVM start most of the time is
        // interpreted code, and the machine's other cores shorten it; results keep the files' order
        List<LessonParser.Result> parsed = files.parallelStream().map(f -> new LessonParser().parse(f)).toList();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            LessonParser.Result r = parsed.get(i);
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
