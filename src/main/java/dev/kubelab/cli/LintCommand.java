package dev.kubelab.cli;

import dev.kubelab.lesson.Problem;
import dev.kubelab.session.LessonCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Validate lessons without a cluster. Prints file:line: message per problem; exit 0 when clean, 2 otherwise.")
final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(paramLabel = "PATH", description = "lesson files or folders (default: lessons/)")
    List<Path> paths;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LessonCatalog catalog = LessonCatalog.load(LessonPaths.orDefault(paths));
        for (Problem p : catalog.problems()) {
            out.println(p);
        }
        out.println(catalog.lessons().size() + " lesson(s) clean, " + catalog.problems().size() + " problem(s)");
        out.flush();
        return catalog.problems().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
}
