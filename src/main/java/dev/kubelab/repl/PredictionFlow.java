package dev.kubelab.repl;

import dev.kubelab.check.Grader;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.lesson.Block;

import java.time.Instant;
import java.util.Optional;

/**
 * A prediction being asked: first the answer (re-asked while unreadable for its kind), then an
 * optional confidence 1–5, then the live verdict with its evidence. Each answer is recorded.
 */
final class PredictionFlow {

    private final LessonSession session;
    private final Console console;
    private String answer;

    PredictionFlow(LessonSession session, Console console) {
        this.session = session;
        this.console = console;
    }

    boolean active() {
        return session.pending() != null;
    }

    boolean askingConfidence() {
        return answer != null;
    }

    String prompt() {
        if (answer != null) {
            return "? How sure are you? [1-5, Enter to skip] ";
        }
        return session.view().predictionPrompt(session.pending());
    }

    /** Abandons a half-answered prediction (the learner moved elsewhere). */
    void reset() {
        answer = null;
    }

    void accept(String line) {
        PredictionSpec p = session.pending();
        if (answer == null) {
            Optional<String> invalid = Grader.invalid(p, line);
            if (invalid.isPresent()) {
                console.println("  " + invalid.get() + " (or /skip to move on)");
                return;
            }
            answer = line.strip();
            return;
        }
        String c = line.strip();
        Integer confidence = null;
        if (!c.isEmpty()) {
            if (!c.matches("[1-5]")) {
                console.println("  a number from 1 (a guess) to 5 (certain), or Enter to skip");
                return;
            }
            confidence = Integer.parseInt(c);
        }
        grade(p, answer, confidence);
        answer = null;
        session.predictionDone();
    }

    void skip() {
        answer = null;
        console.dim("  (prediction skipped)");
        console.println();
        session.predictionDone();
    }

    /** The {@code why} of a wrong answer the step declares for this prediction, when the learner gave that answer. */
    private String misconception(PredictionSpec p, String given) {
        return session.step().blocks(Block.Wrong.class).stream()
                .filter(w -> p.id().equals(w.prediction()) && w.why() != null && Grader.sameAnswer(p, w.answer(), given))
                .map(Block.Wrong::why).map(session::render).findFirst().orElse(null);
    }

    private void grade(PredictionSpec p, String given, Integer confidence) {
        String verdictWord;
        session.awaitReady();
        if (session.runtime() == null) {
            console.warn("couldn't check: " + (session.cluster() == null ? "no cluster is running" : "the lesson is not connected to the cluster")
                    + ", so the live answer is unknown. Your answer is recorded.");
            verdictWord = "unchecked";
        } else {
            console.dim("  (asking the cluster ...)");
            Verdict v = session.runtime().grade(p, given);
            String misconception = v instanceof Verdict.Fail ? misconception(p, given) : null;
            if (misconception != null) {
                Verdict.Fail fail = (Verdict.Fail) v;
                String shownExplain = java.util.stream.Stream.concat(p.explainIf().values().stream(), java.util.stream.Stream.of(p.explain()))
                        .filter(java.util.Objects::nonNull).map(session::render)
                        .filter(t -> fail.reason().endsWith(" " + t)).findFirst().orElse(session.render(p.explain()));
                VerdictView.misconception(console, fail, misconception, shownExplain);
            } else {
                VerdictView.prediction(console, v);
            }
            verdictWord = VerdictView.word(v);
            if (v instanceof Verdict.Fail && session.grading().rememberConnection(v)) {
                console.dim("  /why shows, layer by layer, why this connection behaves as it does.");
            }
            if (session.workshop() != null && !(v instanceof Verdict.Error)) {
                session.workshop().predicted(session.lesson().id(), session.step().id(), p.id(), given, confidence, v.passed());
            }
            if (v instanceof Verdict.Fail && confidence != null && confidence >= 4) {
                console.dim("  You were sure, and the cluster disagreed: that is the most useful kind of surprise.");
            }
        }
        session.progress().predicted(session.lesson().id(), session.step().id(),
                new Progress.PredictionRecord(p.id(), given, confidence, verdictWord, Instant.now()));
        session.save();
        console.println();
    }
}
