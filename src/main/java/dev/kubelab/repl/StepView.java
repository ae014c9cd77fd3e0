package dev.kubelab.repl;

import dev.kubelab.check.PredictionSpec;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Step;
import org.jline.utils.AttributedString;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Shows a step's blocks in the author's order. Prose is rendered, example cells are shown ready to
 * type, checks read as goals; hints, solutions, wrong answers and setup stay hidden. Stops at a
 * prediction, which the REPL asks before anything after it is shown.
 */
final class StepView {

    private final Console console;
    private final UnaryOperator<String> templates;

    StepView(Console console, UnaryOperator<String> templates) {
        this.console = console;
        this.templates = templates;
    }

    void heading(Lesson lesson, int index, Step step) {
        console.println();
        console.transcript().heading("Step " + (index + 1) + " of " + lesson.steps().size() + ": " + step.title());
        console.labelled("Step " + (index + 1) + " of " + lesson.steps().size() + ": ", step.title());
        console.println();
    }

    /**
     * Shows blocks from {@code from} until the next prediction.
     *
     * @return the index just after the prediction found, or the block count when the step is shown
     */
    int showFrom(Step step, int from) {
        List<Block> blocks = step.blocks();
        for (int i = from; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b instanceof Block.Prose p) {
                prose(p.markdown());
            } else if (b instanceof Block.Cell c) {
                cell(c);
            } else if (b instanceof Block.Check c) {
                console.labelled("  Goal: ", templates.apply(c.spec().description()));
                console.println();
            } else if (b instanceof Block.Prediction) {
                return i + 1;
            }
        }
        return blocks.size();
    }

    void prose(String markdown) {
        for (AttributedString line : new MarkdownView(console.width()).render(templates.apply(markdown))) {
            console.println(line);
        }
        console.println();
    }

    private void cell(Block.Cell c) {
        String label = switch (c.language()) {
            case KUBECTL -> "  Try: ";
            case SHELL -> "  Try (shell, starts with !): ";
            case JAVA -> "  Try (Java): ";
        };
        console.labelled(label, "");
        String code = templates.apply(c.code());
        if (c.language() == Block.Cell.Language.SHELL && !code.startsWith("!")) {
            code = "!" + code;
        }
        console.code(code);
        console.println();
    }

    /** "? Predict: question  [yes/no] " — the prompt while a prediction waits. */
    String predictionPrompt(PredictionSpec p) {
        String choices = p.choices().isEmpty() ? p.kind().prompt() : choiceList(p.choices());
        return "? Predict: " + templates.apply(p.question()).strip() + "  [" + choices + "] ";
    }

    static String choiceList(List<String> choices) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            if (i > 0) {
                sb.append(" / ");
            }
            sb.append((char) ('a' + i)).append(") ").append(choices.get(i));
        }
        return sb.toString();
    }

    void hint(Step step, int n) {
        List<Block.Hint> hints = step.blocks(Block.Hint.class);
        if (hints.isEmpty()) {
            console.println("  This step has no hints. /solution shows the answer.");
            return;
        }
        if (n >= hints.size()) {
            console.println("  That was the last hint (" + hints.size() + " of " + hints.size() + "). /solution shows the answer.");
            return;
        }
        console.labelled("  Hint " + (n + 1) + " of " + hints.size() + ":", "");
        prose(hints.get(n).markdown());
    }

    void solution(Step step) {
        List<Block.Solution> solutions = step.blocks(Block.Solution.class);
        if (solutions.isEmpty()) {
            console.println("  This step has no solution to show.");
            return;
        }
        console.labelled("  Solution: ", "one way to make this step's checks pass");
        for (Block.Solution s : solutions) {
            for (String cmd : s.commands()) {
                console.code(templates.apply(cmd));
            }
        }
        console.println();
    }
}
