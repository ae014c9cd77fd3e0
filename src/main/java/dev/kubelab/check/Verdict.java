package dev.kubelab.check;

import dev.kubelab.probe.Observation;

import java.util.List;

/**
 * The outcome of a check or a graded prediction. {@link Error} means kubelab could not observe —
 * it is never reported as the learner being wrong.
 */
public sealed interface Verdict {

    String id();

    List<Observation> evidence();

    record Pass(String id, String summary, List<Observation> evidence) implements Verdict {
    }

    record Fail(String id, String reason, List<Observation> evidence) implements Verdict {
    }

    record Error(String id, String reason, List<Observation> evidence) implements Verdict {
    }

    default boolean passed() {
        return this instanceof Pass;
    }
}
