package dev.kubelab.session;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Grader;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.kube.ProcessResult;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import dev.kubelab.probe.ProbeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Proves a lesson against the live cluster: every check fails before its step's solution and
 * passes after it; every prediction's live truth is graded right and each declared wrong answer
 * graded wrong; every wrong command sequence, run on a fresh setup, is rejected by its check.
 */
public final class LessonVerifier {

    /** How long a check may take to converge after the solution ran. */
    static final Duration PATIENCE = Duration.ofSeconds(45);
    /** How long a check may keep passing before the solution (or a wrong answer) while the cluster settles. */
    static final Duration BASELINE_WAIT = Duration.ofSeconds(30);
    /** How long a wrong answer is watched: a check that passes within it accepted the mistake. */
    static final Duration WRONG_WATCH = Duration.ofSeconds(4);

    /** Wrong answers run side by side, each on its own fresh copy of the lesson's namespaces: this many by default. */
    public static final int PARALLEL_WRONGS = 3;

    private final LessonRuntime runtime;
    private final Function<String, LessonRuntime> sliceFactory;
    private final Consumer<String> progress;
    private int wrongJobs = PARALLEL_WRONGS;
    private boolean mutants;
    private int killed;
    private int noTarget;
    private int held;
    private final List<String> survivors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    /** Time per phase, in the order phases first occur; wrong answers' phases are summed over their runs. */
    private final Map<String, Long> phaseNanos = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Namespaces whose deletion was started and not yet awaited: the lesson waits for them once, at its end. */
    private final List<String> deleting = Collections.synchronizedList(new ArrayList<>());
    private int checks;
    private int predictions;
    private int wrongs;

    /**
     * @param sliceFactory makes a runtime for the same lesson whose namespaces carry the given
     *                     prefix (a fresh slice for one wrong answer); null runs wrong answers
     *                     one after another in the main runtime's namespaces
     */
    public LessonVerifier(LessonRuntime runtime, Function<String, LessonRuntime> sliceFactory, Consumer<String> progress) {
        this.runtime = runtime;
        this.sliceFactory = sliceFactory;
        this.progress = progress;
    }

    public LessonVerifier(LessonRuntime runtime, Consumer<String> progress) {
        this(runtime, null, progress);
    }

    /** How many wrong answers run at once (each on a fresh slice); one lesson verified alone can take more. */
    public LessonVerifier wrongJobs(int n) {
        this.wrongJobs = Math.max(1, n);
        return this;
    }

    /** Whether the generic mutants run (off by default: see docs/lesson-format.md for why). */
    public LessonVerifier mutants(boolean on) {
        this.mutants = on;
        return this;
    }

    public VerifyReport verify() {
        Lesson lesson = runtime.lesson();
        long start = System.nanoTime();
        String refusal = runtime.refusal();
        if (refusal != null) {
            return new VerifyReport(lesson.id(), false, Duration.ZERO, Duration.ZERO, 0, 0, 0, List.of(), refusal, Map.of(), null);
        }
        Duration setup = Duration.ZERO;
        try {
            long t = System.nanoTime();
            setup = runtime.setUp();
            took("setup", t);
            progress.accept("set up in " + millis(setup));
            for (int i = 0; i < lesson.steps().size(); i++) {
                verifyStep(lesson.steps().get(i));
            }
            t = System.nanoTime();
            deleting.addAll(runtime.tearDownStarted());
            took("teardown", t);
            t = System.nanoTime();
            verifyWrongCommands(lesson);
            took("wrong answers", t);
            if (mutants) {
                t = System.nanoTime();
                verifyMutants(lesson);
                took("mutants", t);
            }
        } catch (LessonRuntime.SetupException e) {
            failures.add("setup: " + e.getMessage());
        } finally {
            long t = System.nanoTime();
            try {
                deleting.addAll(runtime.tearDownStarted());
                List<String> all;
                synchronized (deleting) {
                    all = List.copyOf(new java.util.LinkedHashSet<>(deleting));
                }
                runtime.awaitGone(all, Duration.ofSeconds(180));
            } catch (LessonRuntime.SetupException e) {
                failures.add("cleanup: " + e.getMessage());
            }
            took("namespaces gone", t);
        }
        Map<String, Duration> phases = new LinkedHashMap<>();
        synchronized (phaseNanos) {
            phaseNanos.forEach((k, v) -> phases.put(k, Duration.ofNanos(v)));
        }
        List<String> problems = new ArrayList<>(failures);
        problems.addAll(survivors);
        return new VerifyReport(lesson.id(), problems.isEmpty(), setup, Duration.ofNanos(System.nanoTime() - start),
                checks, predictions, wrongs, problems, null, phases,
                mutants ? new VerifyReport.Mutants(killed, survivors.size(), noTarget, held) : null);
    }

    /** Adds the time since {@code start} to a phase. */
    private void took(String phase, long start) {
        phaseNanos.merge(phase, System.nanoTime() - start, Long::sum);
    }

    private void verifyStep(Step step) throws LessonRuntime.SetupException {
        progress.accept("step " + step.id());
        long t = System.nanoTime();
        runtime.enterStep(step);
        took("step setup", t);
        List<CheckSpec> stepChecks = step.blocks(Block.Check.class).stream().map(Block.Check::spec).toList();
        boolean solved = false;
        for (Block b : step.blocks()) {
            if (b instanceof Block.Prediction p) {
                t = System.nanoTime();
                verifyPrediction(step, p.spec());
                took("predictions", t);
            } else if (b instanceof Block.Solution s && !solved) {
                t = System.nanoTime();
                for (CheckSpec c : stepChecks) {
                    if (c.guard()) {
                        continue;
                    }
                    if (!awaitBaseline(runtime, c)) {
                        failures.add(step.id() + "/" + c.id() + ": passes before the solution ran, so it cannot tell a learner's work from none");
                    }
                }
                took("checks before", t);
                t = System.nanoTime();
                runSolution(runtime, step, s.commands());
                took("solutions", t);
                solved = true;
            }
        }
        t = System.nanoTime();
        for (CheckSpec c : stepChecks) {
            checks++;
            Verdict v = runtime.check(c, PATIENCE);
            if (!v.passed()) {
                failures.add(step.id() + "/" + c.id() + ": does not pass after the solution: " + reason(v));
            }
        }
        took("checks after", t);
    }

    private static void runSolution(LessonRuntime rt, Step step, List<String> commands) throws LessonRuntime.SetupException {
        runCommands(rt, step, "solution", commands);
    }

    /**
     * Runs a solution's or a wrong answer's commands as a learner would; one that is refused or
     * fails makes the lesson broken: a wrong answer whose commands did not run was never "rejected".
     */
    /** Replays the solutions of the steps before {@code step}, as a learner would have, and enters it. */
    static void replayTo(LessonRuntime rt, int step) throws LessonRuntime.SetupException {
        for (int i = 0; i < step; i++) {
            Step earlier = rt.lesson().steps().get(i);
            rt.enterStep(earlier);
            for (Block.Solution s : earlier.blocks(Block.Solution.class)) {
                runSolution(rt, earlier, s.commands());
            }
        }
        rt.enterStep(rt.lesson().steps().get(step));
    }

    static void runCommands(LessonRuntime rt, Step step, String what, List<String> commands)
            throws LessonRuntime.SetupException {
        for (String raw : commands) {
            String cmd = rt.render(raw);
            CommandOutcome out = rt.runner().run(cmd, Duration.ofSeconds(90), null, null);
            if (out instanceof CommandOutcome.Rejected r) {
                throw new LessonRuntime.SetupException(step.id() + ": " + what + " command `" + cmd + "` was not run: " + r.reason());
            }
            if (out instanceof CommandOutcome.Finished f && !f.result().ok()) {
                ProcessResult pr = f.result();
                throw new LessonRuntime.SetupException(step.id() + ": " + what + " command `" + cmd + "` failed (exit "
                        + pr.exitCode() + "): " + pr.combined().strip());
            }
        }
    }

    private void verifyPrediction(Step step, PredictionSpec p) {
        predictions++;
        String truth;
        Verdict right;
        int tries = 0;
        do {
            // the live answer is read, then graded by a second observation: if the cluster changed in between it is
            // still settling (a new Service not yet routed), and the answer is read again, a few times at most
            if (tries > 0) {
                sleep(Duration.ofSeconds(2));
            }
            try {
                truth = runtime.truthAsAnswer(p);
            } catch (ProbeException e) {
                failures.add(step.id() + "/" + p.id() + ": its probe cannot observe: " + e.getMessage());
                return;
            }
            right = runtime.grade(p, truth);
        } while (!right.passed() && ++tries < 3);
        if (!right.passed()) {
            failures.add(step.id() + "/" + p.id() + ": the live answer '" + truth + "' was not graded right: " + reason(right));
        }
        List<String> given = Giveaways.shownBefore(step, p, truth, runtime::render);
        if (!given.isEmpty()) {
            failures.add(step.id() + "/" + p.id() + ": the step shows the answer (" + String.join(", ", given)
                    + ") before it asks: move the prediction above the prose or command that gives it away");
        }
        for (Block.Wrong w : step.blocks(Block.Wrong.class)) {
            if (p.id().equals(w.prediction())) {
                if (p.truthOnSomeClusters(w.answer()) && right.passed() && Grader.sameAnswer(p, w.answer(), truth)) {
                    // the lesson says this answer is the truth on some implementations (explainIf), and this cluster is one
                    continue;
                }
                wrongs++;
                Verdict v = runtime.grade(p, w.answer());
                if (!(v instanceof Verdict.Fail)) {
                    failures.add(step.id() + "/" + p.id() + ": wrong answer '" + w.answer() + "' (" + w.why() + ") was "
                            + (v.passed() ? "graded right" : "not graded: " + reason(v)));
                }
            }
        }
    }

    private record WrongRun(int step, Block.Wrong wrong) {
    }

    private record CheckAt(int step, CheckSpec check) {
    }

    /**
     * Every check that reads something a mutant can break gets the generic mutants, on a slice of its
     * own where its step is solved (MutantRun); a survivor fails the lesson.
     */
    private void verifyMutants(Lesson lesson) {
        List<CheckAt> runs = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            for (Block.Check c : lesson.steps().get(i).blocks(Block.Check.class)) {
                if (MutantRun.hasTargets(c.spec())) {
                    runs.add(new CheckAt(i, c.spec()));
                }
            }
        }
        boolean enforced = NetworkPolicySelfTest.cached(runtime.cluster(), runtime.client()) instanceof NetworkPolicySelfTest.Result.Enforced;
        boolean sliced = sliceFactory != null && !usesLocalPorts(lesson);
        List<Runnable> tasks = new ArrayList<>();
        for (int n = 0; n < runs.size(); n++) {
            CheckAt r = runs.get(n);
            String prefix = "kvm" + n + (runtime.namespaces().prefix().isEmpty() ? "" : "-" + runtime.namespaces().prefix());
            tasks.add(() -> {
                long start = System.nanoTime();
                MutantRun.Preparer fresh = sliced ? () -> {
                    LessonRuntime slice = sliceFactory.apply(prefix);
                    try {
                        MutantRun.prepare(slice, r.step());
                    } catch (LessonRuntime.SetupException | RuntimeException e) {
                        try {
                            deleting.addAll(slice.tearDownStarted());
                        } finally {
                            slice.close();
                        }
                        throw e;
                    }
                    return slice;
                } : () -> {
                    MutantRun.prepare(runtime, r.step());
                    return runtime;
                };
                Step step = lesson.steps().get(r.step());
                MutantRun.Outcome o;
                try {
                    LessonRuntime first = fresh.prepare();
                    try {
                        o = MutantRun.run(step, r.check(), first, fresh, enforced, deleting);
                    } finally {
                        if (first != runtime) {
                            first.close();
                        }
                    }
                } catch (LessonRuntime.SetupException e) {
                    o = new MutantRun.Outcome(step.id() + "/" + r.check().id(), 0, List.of(), List.of(step.id() + "/" + r.check().id()
                            + ": mutants: " + e.getMessage()), false);
                }
                synchronized (this) {
                    killed += o.killed();
                    held += o.held();
                    noTarget += o.noTarget() ? 1 : 0;
                }
                survivors.addAll(o.survivors());
                failures.addAll(o.problems());
                StringBuilder declared = new StringBuilder();
                r.check().irrelevantMutants().forEach((kind, why) -> declared.append("; ").append(kind)
                        .append(" declared irrelevant: ").append(why));
                progress.accept("mutants of " + o.check() + ": " + (o.noTarget() ? "no target" : o.killed() + " killed, "
                        + o.survivors().size() + " survived" + (o.held() > 0 ? ", held after recreate-pod" : "")) + declared + " in " + millis(Duration.ofNanos(System.nanoTime() - start)));
            });
        }
        runAll(tasks, sliced, "mutant");
    }

    /** Runs tasks, {@code wrongJobs} at a time when they have slices of their own, else one after another. */
    private void runAll(List<Runnable> tasks, boolean sliced, String what) {
        if (!sliced) {
            tasks.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(wrongJobs);
        try {
            List<Future<?>> futures = tasks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (Exception e) {
                    failures.add(what + " run crashed: " + e.getMessage());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void verifyWrongCommands(Lesson lesson) {
        List<WrongRun> runs = new ArrayList<>();
        for (int i = 0; i < lesson.steps().size(); i++) {
            for (Block.Wrong w : lesson.steps().get(i).blocks(Block.Wrong.class)) {
                if (w.check() != null) {
                    runs.add(new WrongRun(i, w));
                }
            }
        }
        wrongs += runs.size();
        boolean sliced = sliceFactory != null && !usesLocalPorts(lesson);
        List<Runnable> tasks = new ArrayList<>();
        for (int n = 0; n < runs.size(); n++) {
            WrongRun r = runs.get(n);
            String prefix = "kvw" + n + (runtime.namespaces().prefix().isEmpty() ? "" : "-" + runtime.namespaces().prefix());
            tasks.add(sliced ? () -> {
                try (LessonRuntime slice = sliceFactory.apply(prefix)) {
                    verifyWrong(slice, r);
                }
            } : () -> verifyWrong(runtime, r));
        }
        runAll(tasks, sliced, "wrong answer");
    }

    /** Null once the check, still failing, shows the mistake's signature; else the last verdict after {@link #BASELINE_WAIT}. */
    private static Verdict awaitShown(LessonRuntime rt, Step step, CheckSpec check, Block.Wrong w, Verdict first) {
        long deadline = System.nanoTime() + BASELINE_WAIT.toNanos();
        Verdict v = first;
        while (!rt.mistakesShown(step, check, v).contains(w)) {
            if (System.nanoTime() > deadline) {
                return v;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return v;
            }
            v = rt.check(check, Duration.ZERO);
        }
        return null;
    }

    /** A lesson's expected verification time, relative to others: its steps plus its wrong answers (each a fresh setup). */
    public static int weight(Lesson lesson) {
        int w = 0;
        for (Step step : lesson.steps()) {
            w += 1 + (int) step.blocks(Block.Wrong.class).stream().filter(b -> b.check() != null).count();
        }
        return w;
    }

    /**
     * Whether the lesson binds or probes ports on this machine (port-forward, localPort, localHttp):
     * those are shared by every namespace slice, so its wrong answers must run one at a time.
     */
    public static boolean usesLocalPorts(Lesson lesson) {
        for (Step step : lesson.steps()) {
            for (Block b : step.blocks()) {
                List<String> commands = b instanceof Block.Solution s ? s.commands()
                        : b instanceof Block.Wrong w && w.commands() != null ? w.commands() : List.of();
                if (commands.stream().anyMatch(c -> c.contains("port-forward"))) {
                    return true;
                }
                if (b instanceof Block.Check c && mentionsLocalPort(c.spec())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean mentionsLocalPort(CheckSpec c) {
        List<dev.kubelab.probe.ProbeSpec> probes = new ArrayList<>(c.let().values());
        probes.add(c.probe());
        return probes.stream().anyMatch(p -> p instanceof dev.kubelab.probe.ProbeSpec.LocalPort
                || p instanceof dev.kubelab.probe.ProbeSpec.LocalHttp);
    }

    /** Fresh setup, replay steps before, run the mistake: the check must not pass. */
    private void verifyWrong(LessonRuntime rt, WrongRun run) {
        Block.Wrong w = run.wrong();
        Step step = rt.lesson().steps().get(run.step());
        String label = step.id() + "/" + w.check() + " (" + w.why() + ")";
        long start = System.nanoTime();
        long t = start;
        try {
            rt.setUp();
            took("wrong: setup", t);
            t = System.nanoTime();
            replayTo(rt, run.step());
            took("wrong: replay", t);
            t = System.nanoTime();
            CheckSpec check = step.blocks(Block.Check.class).stream().map(Block.Check::spec)
                    .filter(c -> c.id().equals(w.check())).findFirst().orElse(null);
            if (check == null) {
                failures.add(step.id() + ": wrong answer names check '" + w.check() + "', which is not in this step");
                return;
            }
            if (!check.guard() && !awaitBaseline(rt, check)) {
                failures.add(label + ": the check already passed before the wrong answer ran (for " + millis(BASELINE_WAIT)
                        + "), so rejecting it would prove nothing");
                return;
            }
            took("wrong: check before", t);
            t = System.nanoTime();
            if (w.refused()) {
                runCommands(rt, step, "wrong answer", w.commands().subList(0, w.commands().size() - 1));
                String last = rt.render(w.commands().get(w.commands().size() - 1));
                CommandOutcome out = rt.runner().run(last, Duration.ofSeconds(90), null, null);
                boolean failed = out instanceof CommandOutcome.Rejected
                        || out instanceof CommandOutcome.Finished f && !f.result().ok();
                if (!failed) {
                    failures.add(label + ": declared refused, but `" + last + "` ran: the mistake the lesson shows does not happen");
                    return;
                }
            } else {
                runCommands(rt, step, "wrong answer", w.commands());
            }
            took("wrong: commands", t);
            t = System.nanoTime();
            Verdict v = rt.check(check, WRONG_WATCH);
            took("wrong: watch", t);
            if (!(v instanceof Verdict.Fail)) {
                failures.add(label + ": wrong answer was " + (v.passed() ? "accepted" : "not judged: " + reason(v)));
            } else if (w.shows() != null) {
                // the signature a learner's failing check is matched against must be what this mistake really
                // leaves, once it has taken effect: the verdict above may come from a probe that started before
                // the enforcer applied the change (a blocked connection takes its whole timeout)
                Verdict seen = awaitShown(rt, step, check, w, v);
                if (seen != null) {
                    failures.add(label + ": rejected, but the check never saw what shows: says within "
                            + BASELINE_WAIT.toSeconds() + " s (" + reason(seen) + ")");
                }
            }
            progress.accept("wrong answer " + (v instanceof Verdict.Fail ? "rejected" : "NOT rejected") + ": " + label
                    + " in " + millis(Duration.ofNanos(System.nanoTime() - start)));
        } catch (LessonRuntime.SetupException e) {
            failures.add(label + ": " + e.getMessage());
        } finally {
            t = System.nanoTime();
            try {
                // not waited for here: the next wrong answer starts at once, the lesson waits for all at its end
                deleting.addAll(rt.tearDownStarted());
            } catch (LessonRuntime.SetupException e) {
                failures.add("cleanup after " + label + ": " + e.getMessage());
            }
            took("wrong: teardown", t);
        }
    }

    /**
     * Waits (up to {@link #BASELINE_WAIT}) until the check does not pass: the state a learner meets at the step.
     * Right after a setup the cluster may still be settling — a Service that no proxy routes yet refuses every
     * connection, so "X is blocked" would hold for a moment without any policy; a wrong answer judged then
     * would be accepted for the wrong reason.
     */
    private static boolean awaitBaseline(LessonRuntime rt, CheckSpec c) {
        long deadline = System.nanoTime() + BASELINE_WAIT.toNanos();
        while (rt.check(c, Duration.ZERO).passed()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofSeconds(1));
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
        return true;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(Verdict v) {
        if (v instanceof Verdict.Fail f) {
            return f.reason();
        } else if (v instanceof Verdict.Error e) {
            return "error: " + e.reason();
        }
        return "passed";
    }

    static String millis(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }
}
