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

    /**
     * A problem for each {@code requiresLessons} id that no lesson in {@code knownIds} has (checked by
     * lint against the whole lesson folder: a catalog of a few lessons, as a workshop loads, may
     * leave prerequisites out).
     */
    public List<Problem> unknownPrerequisites(java.util.Set<String> knownIds) {
        List<Problem> out = new ArrayList<>();
        for (Lesson l : lessons) {
            for (String id : l.requiresLessons()) {
                if (!knownIds.contains(id)) {
                    out.add(new Problem(l.source(), 2, "front matter: requiresLessons names '" + id + "', which no lesson has"));
                }
            }
        }
        return out;
    }

    /**
     * The lesson to suggest next: the first, in order, that is not done and whose prerequisites in
     * this catalog are all done; else the first not done; null when every lesson is done.
     */
    public Lesson next(java.util.Set<String> done) {
        Lesson firstOpen = null;
        for (Lesson l : lessons) {
            if (done.contains(l.id())) {
                continue;
            }
            if (firstOpen == null) {
                firstOpen = l;
            }
            if (missingBefore(l, done).isEmpty()) {
                return l;
            }
        }
        return firstOpen;
    }

    /** The lessons {@code l} builds on that are in this catalog and not done yet, in catalog order. */
    public List<Lesson> missingBefore(Lesson l, java.util.Set<String> done) {
        return lessons.stream().filter(o -> l.requiresLessons().contains(o.id()) && !done.contains(o.id())).toList();
    }

    /** 1-based position of a lesson in the list (what {@code /open N} takes), 0 if it is not here. */
    public int number(Lesson l) {
        return lessons.indexOf(l) + 1;
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
