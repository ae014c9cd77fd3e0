package dev.kubelab.session;

import dev.kubelab.check.AnswerKind;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Step;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A prediction is asked before the learner is told: its live answer must not stand in the step's
 * prose or commands before it (the heading included). Only answers that cannot appear by chance are
 * looked for: addresses, names, texts of four characters or more, numbers of two digits or more. A yes/no
 * or a choice word is everyday prose, so those are not judged here.
 */
final class Giveaways {

    private Giveaways() {
    }

    /** The answer's words found in what the step shows before the prediction; empty when none. */
    static List<String> shownBefore(Step step, PredictionSpec p, String truth, UnaryOperator<String> render) {
        if (truth == null || !(p.kind() == AnswerKind.IP || p.kind() == AnswerKind.HOST || p.kind() == AnswerKind.TEXT
                || p.kind() == AnswerKind.NUMBER)) {
            return List.of();
        }
        StringBuilder before = new StringBuilder(render.apply(step.title())).append('\n');
        for (Block b : step.blocks()) {
            if (b instanceof Block.Prediction q && q.spec().id().equals(p.id())) {
                break;
            }
            if (b instanceof Block.Prose prose) {
                before.append(render.apply(prose.markdown())).append('\n');
            } else if (b instanceof Block.Cell cell) {
                before.append(render.apply(cell.code())).append('\n');
            } else if (b instanceof Block.Prediction q) {
                before.append(render.apply(q.spec().question())).append('\n');
            }
        }
        String shown = before.toString().toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String item : truth.split(",")) {
            String t = item.strip().toLowerCase(Locale.ROOT);
            boolean telling = p.kind() == AnswerKind.NUMBER ? t.matches("\\d{2,}") : t.length() >= 4;
            if (telling && Pattern.compile("(?<![\\w.-])" + Pattern.quote(t) + "(?![\\w-]|\\.\\w)").matcher(shown).find()) {
                found.add(item.strip());
            }
        }
        return found;
    }
}
