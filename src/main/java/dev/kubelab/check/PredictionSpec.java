package dev.kubelab.check;

import dev.kubelab.probe.ProbeSpec;

import java.util.List;

/**
 * A question the learner answers before looking; the true answer is computed live by {@code
 * probe} (for a MATRIX, by one probe per cell). For YESNO, {@code expect} (optional) turns the
 * probe value into yes/no; without it, a non-empty list, true or non-blank text means yes.
 * {@code explainIf} replaces {@code explain} when the live truth is one of its keys ({@code yes},
 * {@code no}, or a choice): where the answer depends on the cluster's implementation (IPVS answers
 * ping on a ClusterIP, iptables does not), the text shown always agrees with the verdict beside it.
 */
public record PredictionSpec(String id, String question, AnswerKind kind, List<String> choices, ProbeSpec probe,
                             Expectation expect, Matrix matrix, String explain, int line, java.util.Map<String, String> explainIf) {

    public PredictionSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
        explainIf = explainIf == null ? java.util.Map.of() : java.util.Map.copyOf(explainIf);
    }

    public PredictionSpec(String id, String question, AnswerKind kind, List<String> choices, ProbeSpec probe,
                          Expectation expect, Matrix matrix, String explain, int line) {
        this(id, question, kind, choices, probe, expect, matrix, explain, line, java.util.Map.of());
    }

    /** The explanation for this live truth (as shown: yes, no, or the choice). */
    public String explainFor(String shownTruth) {
        return explainIf.getOrDefault(shownTruth, explain);
    }

    /** Whether this answer is the truth on some clusters: the lesson says what it means when it is. */
    public boolean truthOnSomeClusters(String answer) {
        return explainIf.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(answer == null ? "" : answer.strip()));
    }

    /** Rows and columns label the grid; cells[r][c] is the probe that tells whether r reaches c. */
    public record Matrix(List<String> rows, List<String> columns, List<List<ProbeSpec>> cells) {
    }
}
