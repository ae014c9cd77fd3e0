package dev.kubelab.repl;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.lesson.Lesson;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The step's checks and what their verdicts lead to: quiet re-checks after each command, {@code /check}
 * with evidence and named mistakes, the step (and lesson) passed and saved, the next lesson suggested,
 * and the connection of the last failed check or wrong prediction, which a bare {@code /why} explains.
 */
final class StepGrading {

    private final LessonSession s;
    private final Console console;
    private boolean passed;
    private WhyTarget lastConnection;

    StepGrading(LessonSession session, Console console) {
        this.s = session;
        this.console = console;
    }

    /** A step is shown afresh: not passed yet. */
    void stepStarted() {
        passed = false;
    }

    WhyTarget lastConnection() {
        return lastConnection;
    }

    /** Remembers a failed verdict's connection for {@code /why}; true when it had one. */
    boolean rememberConnection(Verdict v) {
        WhyTarget t = v.passed() ? null : WhyTarget.of(v);
        if (t != null) {
            lastConnection = t;
        }
        return t != null;
    }

    /** After each learner command: count the attempt, re-run the checks once and quietly. */
    void afterCommand() {
        if (s.lesson() == null) {
            return;
        }
        s.progress().attempt(s.lesson().id(), s.step().id());
        s.save();
        if (s.runtime() == null || passed || s.checks().isEmpty() || s.settingUp()) {
            return;
        }
        List<Verdict> verdicts = new ArrayList<>();
        for (CheckSpec c : s.checks()) {
            Verdict v = s.runtime().check(c, Duration.ZERO);
            if (!v.passed()) {
                return;
            }
            verdicts.add(v);
        }
        for (int i = 0; i < verdicts.size(); i++) {
            VerdictView.check(console, verdicts.get(i), s.render(s.checks().get(i).description()));
        }
        markPassed();
    }

    /** Every check of the step, shown with evidence ({@code /check}). */
    void checkAll(Duration patience) {
        if (!s.awaitReady()) {
            return;
        }
        if (s.runtime() == null) {
            console.warn("checks need the cluster: " + (s.clusterProblem() != null ? s.clusterProblem() : "the lesson is not set up"));
            return;
        }
        boolean all = true;
        for (CheckSpec c : s.checks()) {
            Verdict v = s.runtime().check(c, patience);
            VerdictView.check(console, v, s.render(c.description()));
            // the cluster looks the way a declared mistake leaves it: name that mistake
            s.runtime().mistakesShown(s.step(), c, v).forEach(w -> console.warn("This looks like a common mistake: " + s.render(w.why()) + "."));
            if (v instanceof Verdict.Fail && rememberConnection(v)) {
                console.dim("  /why explains this connection layer by layer.");
            }
            all &= v.passed();
            if (s.workshop() != null && !(v instanceof Verdict.Error)) {
                s.workshop().checked(s.lesson().id(), s.step().id(), v.passed());
            }
        }
        if (all && !passed) {
            markPassed();
        }
    }

    private void markPassed() {
        passed = true;
        recordPassed();
        if (s.stepIndex() + 1 == s.lesson().steps().size()) {
            console.println("  You finished \"" + s.lesson().title() + "\". " + nextLesson() + " · /export to save this session");
        } else {
            console.println("  /next for step " + (s.stepIndex() + 2) + " (" + s.lesson().steps().get(s.stepIndex() + 1).title()
                    + ") · /export to save this session");
        }
    }

    /** What to open after finishing this lesson: the catalog's suggestion given the learner's finished lessons. */
    private String nextLesson() {
        java.util.Set<String> done = LessonsCmd.done(s);
        done.add(s.lesson().id());
        Lesson next = s.catalog().next(done);
        return next == null ? "That was the last lesson you had not finished." : "Next: /open " + s.catalog().number(next) + " (" + next.title() + ")";
    }

    private boolean allOtherStepsPassed() {
        Progress.LessonProgress lp = s.progress().lesson(s.lesson().id());
        for (int i = 0; i < s.lesson().steps().size() - 1; i++) {
            Progress.StepProgress sp = lp.steps().get(s.lesson().steps().get(i).id());
            if (sp == null || sp.status() != Progress.Status.PASSED) {
                return false;
            }
        }
        return true;
    }

    /** Leaving a step without checks counts as finishing it. */
    void leavingStep() {
        if (s.lesson() != null && s.checks().isEmpty()) {
            recordPassed();
        }
    }

    /** The step passed: saved (the lesson too, when this is its last step and every other one passed) and sent. */
    private void recordPassed() {
        boolean last = s.stepIndex() + 1 == s.lesson().steps().size();
        s.progress().passed(s.lesson().id(), s.step().id(), last && allOtherStepsPassed());
        s.save();
        if (s.workshop() != null) {
            s.workshop().stepPassed(s.lesson().id(), s.step().id());
        }
    }
}
