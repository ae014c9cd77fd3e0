package dev.kubelab.session;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.kube.ProcessResult;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import dev.kubelab.probe.ProbeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Proves a lesson against the live cluster: every check fails before its step's solution and
 * passes after it; every prediction's live truth is graded right and each declared wrong answer
 * graded wrong; every wrong command sequence, run on a fresh setup, is rejected by its check.
 */
public final class LessonVerifier {

    /** How long a check may take to converge after the solution ran. */
    static final Duration PATIENCE = Duration.ofSeconds(45);
    /** How long a wrong answer is watched: a check that passes within it accepted the mistake. */
    static final Duration WRONG_WATCH = Duration.ofSeconds(4);

    private final LessonRuntime runtime;
    private final Consumer<String> progress;
    private final List<String> failures = new ArrayList<>();
    private int checks;
    private int predictions;
    private int wrongs;

    public LessonVerifier(LessonRuntime runtime, Consumer<String> progress) {
        this.runtime = runtime;
        this.progress = progress;
    }

    public VerifyReport verify() {
        Lesson lesson = runtime.lesson();
        long start = System.nanoTime();
        String refusal = runtime.refusal();
        if (refusal != null) {
            return new VerifyReport(lesson.id(), false, Duration.ZERO, Duration.ZERO, 0, 0, 0, List.of(), refusal);
        }
        Duration setup = Duration.ZERO;
        try {
            setup = runtime.setUp();
            progress.accept("set up in " + millis(setup));
            for (int i = 0; i < lesson.steps().size(); i++) {
                verifyStep(lesson.steps().get(i));
            }
            for (int i = 0; i < lesson.steps().size(); i++) {
                for (Block.Wrong w : lesson.steps().get(i).blocks(Block.Wrong.class)) {
                    if (w.check() != null) {
                        verifyWrongCommands(i, w);
                    }
                }
            }
        } catch (LessonRuntime.SetupException e) {
            failures.add("setup: " + e.getMessage());
        } finally {
            try {
                runtime.tearDown();
            } catch (LessonRuntime.SetupException e) {
                failures.add("cleanup: " + e.getMessage());
            }
        }
        return new VerifyReport(lesson.id(), failures.isEmpty(), setup, Duration.ofNanos(System.nanoTime() - start),
                checks, predictions, wrongs, failures, null);
    }

    private void verifyStep(Step step) throws LessonRuntime.SetupException {
        progress.accept("step " + step.id());
        runtime.enterStep(step);
        List<CheckSpec> stepChecks = step.blocks(Block.Check.class).stream().map(Block.Check::spec).toList();
        boolean solved = false;
        for (Block b : step.blocks()) {
            if (b instanceof Block.Prediction p) {
                verifyPrediction(step, p.spec());
            } else if (b instanceof Block.Solution s && !solved) {
                for (CheckSpec c : stepChecks) {
                    Verdict before = runtime.check(c, Duration.ZERO);
                    if (before.passed()) {
                        failures.add(step.id() + "/" + c.id() + ": passes before the solution ran, so it cannot tell a learner's work from none");
                    }
                }
                runSolution(step, s.commands());
                solved = true;
            }
        }
        for (CheckSpec c : stepChecks) {
            checks++;
            Verdict v = runtime.check(c, PATIENCE);
            if (!v.passed()) {
                failures.add(step.id() + "/" + c.id() + ": does not pass after the solution: " + reason(v));
            }
        }
    }

    private void runSolution(Step step, List<String> commands) throws LessonRuntime.SetupException {
        for (String raw : commands) {
            String cmd = runtime.render(raw);
            CommandOutcome out = runtime.runner().run(cmd, Duration.ofSeconds(90), null, null);
            if (out instanceof CommandOutcome.Rejected r) {
                throw new LessonRuntime.SetupException(step.id() + ": solution command `" + cmd + "` was not run: " + r.reason());
            }
            if (out instanceof CommandOutcome.Finished f && !f.result().ok()) {
                ProcessResult pr = f.result();
                throw new LessonRuntime.SetupException(step.id() + ": solution command `" + cmd + "` failed (exit "
                        + pr.exitCode() + "): " + pr.combined());
            }
        }
    }

    private void verifyPrediction(Step step, PredictionSpec p) {
        predictions++;
        String truth;
        try {
            truth = runtime.truthAsAnswer(p);
        } catch (ProbeException e) {
            failures.add(step.id() + "/" + p.id() + ": its probe cannot observe: " + e.getMessage());
            return;
        }
        Verdict right = runtime.grade(p, truth);
        if (!right.passed()) {
            failures.add(step.id() + "/" + p.id() + ": the live answer '" + truth + "' was not graded right: " + reason(right));
        }
        for (Block.Wrong w : step.blocks(Block.Wrong.class)) {
            if (p.id().equals(w.prediction())) {
                wrongs++;
                Verdict v = runtime.grade(p, w.answer());
                if (!(v instanceof Verdict.Fail)) {
                    failures.add(step.id() + "/" + p.id() + ": wrong answer '" + w.answer() + "' (" + w.why() + ") was "
                            + (v.passed() ? "graded right" : "not graded: " + reason(v)));
                }
            }
        }
    }

    /** Fresh setup, replay steps before, run the mistake, and the check must not pass. */
    private void verifyWrongCommands(int stepIndex, Block.Wrong w) throws LessonRuntime.SetupException {
        wrongs++;
        Lesson lesson = runtime.lesson();
        Step step = lesson.steps().get(stepIndex);
        progress.accept("wrong answer for " + step.id() + "/" + w.check() + ": " + w.why());
        runtime.runner().jobs().killAll();
        runtime.setUp();
        for (int i = 0; i < stepIndex; i++) {
            Step earlier = lesson.steps().get(i);
            runtime.enterStep(earlier);
            for (Block.Solution s : earlier.blocks(Block.Solution.class)) {
                runSolution(earlier, s.commands());
            }
        }
        runtime.enterStep(step);
        for (String raw : w.commands()) {
            runtime.runner().run(runtime.render(raw), Duration.ofSeconds(90), null, null);
        }
        CheckSpec check = step.blocks(Block.Check.class).stream().map(Block.Check::spec)
                .filter(c -> c.id().equals(w.check())).findFirst().orElse(null);
        if (check == null) {
            failures.add(step.id() + ": wrong answer names check '" + w.check() + "', which is not in this step");
            return;
        }
        Verdict v = runtime.check(check, WRONG_WATCH);
        if (!(v instanceof Verdict.Fail)) {
            failures.add(step.id() + "/" + w.check() + ": wrong answer (" + w.why() + ") was "
                    + (v.passed() ? "accepted" : "not judged: " + reason(v)));
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
