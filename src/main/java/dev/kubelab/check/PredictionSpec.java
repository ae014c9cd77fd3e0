package dev.kubelab.check;

import dev.kubelab.probe.ProbeSpec;

import java.util.List;

/**
 * A question the learner answers before looking; the true answer is computed live by {@code
 * probe} (for a MATRIX, by one probe per cell). For YESNO, {@code expect} (optional) turns the
 * probe value into yes/no; without it, a non-empty list, true or non-blank text means yes.
 */
public record PredictionSpec(String id, String question, AnswerKind kind, List<String> choices, ProbeSpec probe,
                             Expectation expect, Matrix matrix, String explain, int line) {

    public PredictionSpec {
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    /** Rows and columns label the grid; cells[r][c] is the probe that tells whether r reaches c. */
    public record Matrix(List<String> rows, List<String> columns, List<List<ProbeSpec>> cells) {
    }
}
