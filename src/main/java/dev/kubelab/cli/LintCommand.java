package dev.kubelab.cli;

import dev.kubelab.lesson.Problem;
import dev.kubelab.session.LessonCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Validate lessons without a cluster. Prints file:line: message per problem; exit 0 when clean, 2 otherwise.")
final class LintCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    LessonPaths lessons;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        LessonCatalog catalog = lessons.load();
        if (System.getenv("KUBELAB_TIMING") != null) {
            // for bench/lint.sh: the parse + lint time inside the real launcher (class data sharing included)
            long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
            spec.commandLine().getErr().printf("(parse+lint %d ms; JVM start to done %d ms)%n", (System.nanoTime() - t0) / 1_000_000,
                    System.currentTimeMillis() - jvmStart);
        }
        for (Problem p : catalog.problems()) {
            out.println(p);
        }
        out.println(catalog.lessons().size() + " lesson(s) clean, " + catalog.problems().size() + " problem(s)");
        out.flush();
        return catalog.problems().isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
}
