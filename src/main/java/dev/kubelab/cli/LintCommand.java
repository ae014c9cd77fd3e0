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
        // prerequisites are looked up among all the lessons of each linted lesson's folder, not only those linted
        java.util.Set<java.nio.file.Path> folders = new java.util.LinkedHashSet<>();
        catalog.lessons().forEach(l -> folders.add(l.source().toAbsolutePath().getParent()));
        java.util.Set<String> known = new java.util.HashSet<>();
        LessonCatalog.load(java.util.List.copyOf(folders)).lessons().forEach(l -> known.add(l.id()));
        catalog.lessons().forEach(l -> known.add(l.id()));
        java.util.List<Problem> problems = new java.util.ArrayList<>(catalog.problems());
        problems.addAll(catalog.unknownPrerequisites(known));
        for (Problem p : problems) {
            out.println(p);
        }
        out.println(catalog.lessons().size() + " lesson(s) clean, " + problems.size() + " problem(s)");
        out.flush();
        return problems.isEmpty() ? ExitCode.OK : ExitCode.INVALID;
    }
}
