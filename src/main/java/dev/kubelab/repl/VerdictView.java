package dev.kubelab.repl;

import dev.kubelab.check.Verdict;
import dev.kubelab.probe.Observation;

/** How a verdict reads: pass, the cluster disagreeing (with evidence), or kubelab unable to look. */
final class VerdictView {

    private VerdictView() {
    }

    /** A graded prediction. */
    static void prediction(Console c, Verdict v) {
        if (v instanceof Verdict.Pass p) {
            c.ok(p.summary());
        } else if (v instanceof Verdict.Fail f) {
            c.bad("Not quite: " + f.reason());
        } else if (v instanceof Verdict.Error e) {
            c.warn("couldn't check: " + e.reason() + " (this says nothing about your answer)");
        }
        evidence(c, v);
    }

    /**
     * A wrong prediction the lesson knows as a common mistake: the verdict, then that mistake named
     * (its {@code why}), then the general explanation.
     */
    static void misconception(Console c, Verdict.Fail f, String why, String explain) {
        String reason = f.reason();
        boolean split = explain != null && reason.endsWith(" " + explain);
        c.bad("Not quite: " + (split ? reason.substring(0, reason.length() - explain.length() - 1) : reason));
        c.warn("A common mistake: " + why + ".");
        if (split) {
            c.println("  " + explain);
        }
        evidence(c, f);
    }

    /** A check, shown by /check or when a step passes. */
    static void check(Console c, Verdict v, String description) {
        if (v instanceof Verdict.Pass) {
            c.ok("Check passed: " + description);
        } else if (v instanceof Verdict.Fail f) {
            c.bad("Not yet: " + description + " — " + f.reason());
        } else if (v instanceof Verdict.Error e) {
            c.warn("couldn't check \"" + description + "\": " + e.reason() + " (not your mistake)");
        }
        evidence(c, v);
    }

    static void evidence(Console c, Verdict v) {
        for (Observation o : v.evidence()) {
            if (o.evidence() != null && !o.evidence().isBlank()) {
                c.dim("  · " + o.evidence().strip().replace("\n", "\n    "));
            }
        }
    }

    static String word(Verdict v) {
        return v instanceof Verdict.Pass ? "pass" : v instanceof Verdict.Fail ? "fail" : "error";
    }
}
