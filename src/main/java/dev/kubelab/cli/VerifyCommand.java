package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Problem;
import dev.kubelab.session.LessonCatalog;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.LessonVerifier;
import dev.kubelab.session.NamespaceMap;
import dev.kubelab.session.VerifyQueue;
import dev.kubelab.session.VerifyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.Function;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove lessons against the live cluster: checks fail before the solution and pass after it,",
                "prediction probes answer, and every declared wrong answer is rejected. Ends with 'N passed, N failed'."})
final class VerifyCommand implements Callable<Integer> {

    /**
     * Lessons mostly wait (pods starting, connections timing out), so more run at once than there
     * are cores; measured with bench/verify.sh on 2 cores with the local cluster on the same machine.
     */
    static final String DEFAULT_JOBS = "4";

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

    @CommandLine.Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "${sys:kubelab.verify.jobs:-" + DEFAULT_JOBS + "}",
            description = "lessons verified side by side, each in namespaces of its own (default: ${DEFAULT-VALUE}; 1 keeps the lessons' own namespace names)")
    int jobs;

    @CommandLine.Option(names = "--mutants", negatable = true, description = "run the generic mutants (deny the target's ingress, "
            + "delete its Service, scale it to zero) against every check that has a target: each must stop the check passing "
            + "(docs/lesson-format.md). Default: on, except in a workshop slice (--workshop), where verify checks the learner's "
            + "permissions, not the lesson; --no-mutants for a quicker loop while writing a lesson")
    Boolean mutants;

    @CommandLine.Option(names = "--profile", description = "print where each lesson's time went (setup, checks, solutions, predictions, wrong answers)")
    boolean profile;

    /** For the benchmark: verify every lesson N times (as many lesson-equivalents), each copy in namespaces of its own. */
    @CommandLine.Option(names = "--copies", paramLabel = "N", defaultValue = "1", hidden = true)
    int copies;

    @CommandLine.Parameters(paramLabel = "LESSON", description = "lesson ids, numbers or files (default: all)")
    List<String> selected;

    private int wrongJobs = LessonVerifier.PARALLEL_WRONGS;

    @Override
    public Integer call() throws ClusterUnavailableException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (jobs < 1 || copies < 1) {
            throw new UserError(ExitCode.INVALID, "--jobs and --copies take a whole number of at least 1");
        }
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
        // a learner's slice has one set of namespaces: its lessons run one after another
        int lanes = join != null ? 1 : Math.max(1, Math.min(jobs, lessons.size() * copies));
        // the machine's share for each lesson's wrong answers: all of it when one lesson is verified alone
        wrongJobs = Math.max(LessonVerifier.PARALLEL_WRONGS, jobs / lanes);
        out.println("verifying " + lessons.size() + " lesson(s)" + (copies > 1 ? " × " + copies : "") + " on "
                + cluster.describe() + (lanes > 1 ? ", " + lanes + " at a time" : ""));
        out.flush();
        List<VerifyQueue.Task<VerifyReport>> tasks = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (Lesson lesson : lessons) {
                int n = tasks.size();
                String label = lesson.id() + (copies > 1 ? "#" + (c + 1) : "");
                // side by side, each lesson gets namespaces of its own (kv3-garage), as a workshop slice does
                String own = lanes > 1 ? (prefix == null ? "kv" : prefix + "-") + n : prefix;
                tasks.add(new VerifyQueue.Task<>(label, LessonVerifier.usesLocalPorts(lesson), LessonVerifier.weight(lesson),
                        () -> verifyOne(lesson, label, cluster, kubectl, join, own, out)));
            }
        }
        if (lanes > 1) {
            // the longest first, so the last to finish is not a long one started late: a lesson's length
            // is mostly its wrong answers, each verified on a fresh setup
            tasks.sort(java.util.Comparator.comparingInt((VerifyQueue.Task<VerifyReport> t) -> -t.weight()));
        }
        long start = System.nanoTime();
        List<VerifyReport> reports;
        try {
            reports = VerifyQueue.run(tasks, lanes, r -> printReport(out, r));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(ExitCode.FAILED, "interrupted");
        }
        if (join != null) {
            join.close();
        }
        long passed = reports.stream().filter(VerifyReport::passed).count();
        long failed = reports.size() - passed;
        double sum = reports.stream().mapToLong(r -> r.total().toMillis()).sum() / 1000.0;
        out.printf(java.util.Locale.ROOT, "%d lesson run(s) in %.1f s with %d at a time (%.1f s of lesson time)%n",
                reports.size(), (System.nanoTime() - start) / 1e9, lanes, sum);
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    private VerifyReport verifyOne(Lesson lesson, String label, Cluster cluster, Path kubectl, WorkshopJoin join, String own,
                                   PrintWriter out) {
        NamespaceMap ns = join != null ? join.namespaces(lesson) : own == null ? NamespaceMap.identity(lesson.namespaces())
                : new NamespaceMap(own, lesson.namespaces());
        Function<String, LessonRuntime> slices = slicePrefix -> {
            try {
                return new LessonRuntime(lesson, cluster, new NamespaceMap(slicePrefix, lesson.namespaces()), kubectl);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        VerifyReport r;
        try (LessonRuntime runtime = join != null ? join.runtime(lesson, kubectl) : new LessonRuntime(lesson, cluster, ns, kubectl)) {
            r = new LessonVerifier(runtime, lesson.clusterScoped() || join != null ? null : slices, line -> {
                synchronized (out) {
                    out.println("  " + label + ": " + line);
                    out.flush();
                }
            }).wrongJobs(wrongJobs).mutants(mutants != null ? mutants : join == null).verify();
        } catch (IOException | RuntimeException e) {
            // one lesson that cannot run is that lesson's failure, never the end of the others
            return new VerifyReport(label, false, java.time.Duration.ZERO, java.time.Duration.ZERO, 0, 0, 0,
                    List.of("could not run: " + dev.kubelab.kube.Failures.rootMessage(e)), null, java.util.Map.of(), null);
        }
        if (join != null && !r.wasSkipped()) {
            join.report(lesson, r);
        }
        return label.equals(r.lessonId()) ? r : new VerifyReport(label, r.passed(), r.setup(), r.total(), r.checks(),
                r.predictions(), r.wrongAnswers(), r.failures(), r.skipped(), r.phases(), r.mutants());
    }

    private void printReport(PrintWriter out, VerifyReport r) {
        synchronized (out) {
            if (r.wasSkipped()) {
                out.printf("SKIP %s: %s%n", r.lessonId(), r.skipped());
            } else {
                out.printf(java.util.Locale.ROOT, "%s %s  setup %.1f s, total %.1f s, %d checks, %d predictions, %d wrong answers tried%s%n",
                        r.passed() ? "PASS" : "FAIL", r.lessonId(), r.setup().toMillis() / 1000.0, r.total().toMillis() / 1000.0,
                        r.checks(), r.predictions(), r.wrongAnswers(), r.mutants() == null ? ""
                                : ", mutants: " + r.mutants().killed() + " killed, " + r.mutants().survived() + " survived"
                                + (r.mutants().held() > 0 ? ", " + r.mutants().held() + " held after recreate-pod" : "")
                                + (r.mutants().withoutTarget() > 0 ? " (" + r.mutants().withoutTarget() + " check(s) without a target)" : ""));
                if (profile) {
                    out.println("     time: " + r.profile());
                }
                for (String f : r.failures()) {
                    out.println("     - " + f);
                }
            }
            out.flush();
        }
    }
}
