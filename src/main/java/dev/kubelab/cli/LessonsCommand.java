package dev.kubelab.cli;

import dev.kubelab.lesson.Lesson;
import dev.kubelab.session.LessonCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "lessons", mixinStandardHelpOptions = true, description = "List the lessons: number, id, title, minutes.")
final class LessonsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LessonPaths lessons;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LessonCatalog catalog = lessons.load();
        int n = 1;
        for (Lesson l : catalog.lessons()) {
            String after = String.join(",", catalog.lessons().stream().filter(o -> l.requiresLessons().contains(o.id()))
                    .map(o -> String.valueOf(catalog.number(o))).toList());
            out.printf("%3d  %-32s %-46s %-12s %3d min%s%n", n++, l.id(), l.title(), l.level().label(), l.minutes(),
                    after.isEmpty() ? "" : "   after " + after);
        }
        if (!catalog.problems().isEmpty()) {
            spec.commandLine().getErr().println(catalog.problems().size() + " problem(s) in lessons; run: kubelab lint");
            return ExitCode.INVALID;
        }
        out.flush();
        return ExitCode.OK;
    }
}
