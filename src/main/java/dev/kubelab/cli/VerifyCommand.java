package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Problem;
import dev.kubelab.session.LessonCatalog;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.LessonVerifier;
import dev.kubelab.session.NamespaceMap;
import dev.kubelab.session.VerifyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove lessons against the live cluster: checks fail before the solution and pass after it,",
                "prediction probes answer, and every declared wrong answer is rejected. Ends with 'N passed, N failed'."})
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @CommandLine.ParentCommand
    Main parent;

    @CommandLine.Option(names = "--lessons", paramLabel = "DIR", description = "lesson folder (default: lessons/)")
    Path lessonsDir;

    @CommandLine.Option(names = "--prefix", paramLabel = "PREFIX",
            description = "map the lesson's namespaces to PREFIX-NAME (a learner's slice of a shared cluster)")
    String prefix;

    @CommandLine.Parameters(paramLabel = "LESSON", description = "lesson ids, numbers or files (default: all)")
    List<String> selected;

    @Override
    public Integer call() throws ClusterUnavailableException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> paths = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (String s : selected == null ? List.<String>of() : selected) {
            if (s.endsWith(".md")) {
                paths.add(Path.of(s));
            } else {
                ids.add(s);
            }
        }
        if (paths.isEmpty()) {
            paths.add(lessonsDir != null ? lessonsDir : Main.root().resolve("lessons"));
        }
        LessonCatalog catalog = LessonCatalog.load(paths);
        if (!catalog.problems().isEmpty()) {
            for (Problem p : catalog.problems()) {
                out.println(p);
            }
            throw new UserError(ExitCode.INVALID, catalog.problems().size() + " problem(s) in lessons; fix them first (kubelab lint)");
        }
        List<Lesson> lessons = new ArrayList<>();
        for (String id : ids) {
            lessons.add(catalog.find(id).orElseThrow(() -> new UserError(ExitCode.INVALID, "no lesson '" + id + "'; see: kubelab lessons")));
        }
        if (ids.isEmpty()) {
            lessons.addAll(catalog.lessons());
        }
        WorkshopJoin join = WorkshopJoin.open(parent == null ? null : parent.workshop, spec.commandLine().getErr());
        Cluster cluster = join != null ? join.cluster() : clusterOptions.open();
        Path kubectl = ClusterOptions.kubectlFor(cluster);
        out.println("verifying " + lessons.size() + " lesson(s) on " + cluster.describe());
        out.flush();
        int passed = 0;
        int failed = 0;
        for (Lesson lesson : lessons) {
            NamespaceMap ns = join != null ? join.namespaces(lesson) : prefix == null ? NamespaceMap.identity(lesson.namespaces())
                    : new NamespaceMap(prefix, lesson.namespaces());
            VerifyReport r;
            java.util.function.Function<String, LessonRuntime> slices = slicePrefix -> {
                try {
                    return new LessonRuntime(lesson, cluster, new NamespaceMap(slicePrefix, lesson.namespaces()), kubectl);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
            try (LessonRuntime runtime = join != null ? join.runtime(lesson, kubectl) : new LessonRuntime(lesson, cluster, ns, kubectl)) {
                r = new LessonVerifier(runtime, lesson.clusterScoped() || join != null ? null : slices, line -> {
                    out.println("  " + lesson.id() + ": " + line);
                    out.flush();
                }).verify();
            }
            if (join != null && !r.wasSkipped()) {
                join.report(lesson, r);
            }
            if (r.wasSkipped()) {
                out.printf("SKIP %s: %s%n", lesson.id(), r.skipped());
                failed++;
                continue;
            }
            out.printf("%s %s  setup %.1f s, total %.1f s, %d checks, %d predictions, %d wrong answers tried%s%n",
                    r.passed() ? "PASS" : "FAIL", lesson.id(), r.setup().toMillis() / 1000.0, r.total().toMillis() / 1000.0,
                    r.checks(), r.predictions(), r.wrongAnswers(), "");
            for (String f : r.failures()) {
                out.println("     - " + f);
            }
            if (r.passed()) {
                passed++;
            } else {
                failed++;
            }
            out.flush();
        }
        if (join != null) {
            join.close();
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
}
