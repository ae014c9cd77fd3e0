package dev.kubelab.check;

import dev.kubelab.probe.Observation;
import dev.kubelab.probe.ProbeException;
import dev.kubelab.probe.ProbeSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Grades a prediction by computing the truth live, then comparing under the answer kind's rules. */
public final class Grader {

    private final CheckEngine engine;

    public Grader(CheckEngine engine) {
        this.engine = engine;
    }

    /** A reason the answer cannot be read for this kind (so the learner is asked again), or empty. */
    public static Optional<String> invalid(PredictionSpec p, String answer) {
        String a = answer.trim();
        if (a.isEmpty()) {
            return Optional.of("type " + p.kind().prompt());
        }
        return switch (p.kind()) {
            case IP -> Values.asSet(a).stream().allMatch(Values::isIpLiteral)
                    ? Optional.empty() : Optional.of("'" + a + "' is not an IP address");
            case YESNO -> a.toLowerCase(Locale.ROOT).matches("y|yes|n|no|true|false")
                    ? Optional.empty() : Optional.of("answer yes or no");
            case NUMBER -> a.matches("-?\\d+") ? Optional.empty() : Optional.of("'" + a + "' is not a whole number");
            case CHOICE -> choiceIndex(p, a) >= 0 ? Optional.empty()
                    : Optional.of("pick one of: " + String.join(", ", p.choices()));
            case MATRIX -> matrixAnswer(p, a) != null ? Optional.empty()
                    : Optional.of("give " + p.matrix().rows().size() + " rows of " + p.matrix().columns().size()
                    + " y/n each, separated by / (rows: " + String.join(", ", p.matrix().rows()) + ")");
            default -> Optional.empty();
        };
    }

    /** Pass when the answer is right, Fail (with the truth and evidence) when wrong, Error when unobservable. */
    public Verdict grade(PredictionSpec p, String answer) {
        List<Observation> evidence = new ArrayList<>();
        try {
            if (p.kind() == AnswerKind.MATRIX) {
                return gradeMatrix(p, answer, evidence);
            }
            Observation o = engine.observe(p.probe(), Map.of());
            evidence.add(o);
            Object truth = truth(p, o.value(), evidence);
            boolean right = switch (p.kind()) {
                case IP -> Values.asSet(answer).equals(Values.asSet(truth));
                // a list truth: any one of its items; a text truth: all of it (one word of "two words" is not it)
                case HOST, TEXT -> oneOf(truth, answer);
                case YESNO -> Values.truthy(answer) == (Boolean) truth;
                case NUMBER -> Values.normalise(answer).equals(Values.normalise(String.valueOf(truth)));
                case CHOICE -> oneOf(truth, p.choices().get(choiceIndex(p, answer)));
                case MATRIX -> throw new IllegalStateException();
            };
            String shown = truth instanceof Boolean b ? (b ? "yes" : "no") : Values.show(truth);
            String explanation = p.kind() == AnswerKind.CHOICE
                    ? p.choices().stream().filter(c -> Values.same(c, truth)).findFirst().map(p::explainFor).orElse(p.explain())
                    : p.explainFor(shown);
            String explain = explanation == null ? "" : " " + engine.render(explanation);
            return right ? new Verdict.Pass(p.id(), "Correct: " + shown + "." + explain, evidence)
                    : new Verdict.Fail(p.id(), "you said " + answer.trim() + "; the cluster says " + shown + "." + explain, evidence);
        } catch (ProbeException e) {
            return new Verdict.Error(p.id(), e.getMessage(), evidence);
        }
    }

    /**
     * Whether two answers to a prediction say the same thing ("n" and "no", "2" and " 2 ", two
     * spellings of a matrix): the learner's answer against one the lesson declares a known mistake.
     */
    public static boolean sameAnswer(PredictionSpec p, String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return switch (p.kind()) {
            case YESNO -> a.trim().toLowerCase(Locale.ROOT).matches("y|yes|n|no|true|false")
                    && b.trim().toLowerCase(Locale.ROOT).matches("y|yes|n|no|true|false") && Values.truthy(a.trim()) == Values.truthy(b.trim());
            case CHOICE -> choiceIndex(p, a) >= 0 && choiceIndex(p, a) == choiceIndex(p, b);
            case MATRIX -> matrixAnswer(p, a) != null && java.util.Arrays.deepEquals(matrixAnswer(p, a), matrixAnswer(p, b));
            case IP -> Values.asSet(a).equals(Values.asSet(b));
            default -> Values.normalise(a).equals(Values.normalise(b));
        };
    }

    /** The answer is the truth, or one item of a list-valued truth (normalised: case, trailing dot, IP forms). */
    static boolean oneOf(Object truth, String answer) {
        String a = Values.normalise(answer);
        if (truth instanceof java.util.Collection<?> c) {
            return Values.asSet(c).contains(a);
        }
        return a.equals(Values.normalise(String.valueOf(truth)));
    }

    /** The true answer, computed live. */
    public Object truth(PredictionSpec p, Object value, List<Observation> evidence) throws ProbeException {
        return switch (p.kind()) {
            case YESNO -> p.expect() != null ? expectationHolds(p, value, evidence) : !Values.isEmpty(value);
            case NUMBER -> value instanceof List<?> l ? (long) l.size() : value;
            default -> value;
        };
    }

    private boolean expectationHolds(PredictionSpec p, Object value, List<Observation> evidence) throws ProbeException {
        CheckSpec asCheck = new CheckSpec(p.id(), p.question(), Map.of(), new ProbeSpec.Literal(value), p.expect(), null, p.line());
        Verdict v = engine.evaluateOnce(asCheck);
        if (v instanceof Verdict.Error e) {
            throw new ProbeException(ProbeException.Kind.OTHER, e.reason());
        }
        v.evidence().stream().filter(o -> !(o.probe() instanceof ProbeSpec.Literal)).forEach(evidence::add);
        return v.passed();
    }

    private Verdict gradeMatrix(PredictionSpec p, String answer, List<Observation> evidence) throws ProbeException {
        boolean[][] said = matrixAnswer(p, answer);
        if (said == null) {
            return new Verdict.Error(p.id(), invalid(p, answer).orElse("unreadable matrix"), evidence);
        }
        PredictionSpec.Matrix m = p.matrix();
        List<String> wrong = new ArrayList<>();
        StringBuilder truthRows = new StringBuilder();
        // every cell at once: a blocked cell costs its whole timeout
        List<Observation> cells = engine.observeAll(m.cells().stream().flatMap(List::stream).toList(), Map.of());
        for (int r = 0; r < m.rows().size(); r++) {
            if (r > 0) {
                truthRows.append('/');
            }
            for (int c = 0; c < m.columns().size(); c++) {
                Observation o = cells.get(r * m.columns().size() + c);
                evidence.add(o);
                boolean truth = cellHolds(o.value());
                truthRows.append(truth ? 'y' : 'n');
                if (truth != said[r][c]) {
                    wrong.add(m.rows().get(r) + " → " + m.columns().get(c) + " is " + (truth ? "reachable" : "blocked"));
                }
            }
        }
        String explain = p.explain() == null ? "" : " " + engine.render(p.explain());
        return wrong.isEmpty() ? new Verdict.Pass(p.id(), "Correct: every cell matches (" + truthRows + ")." + explain, evidence)
                : new Verdict.Fail(p.id(), wrong.size() + " cell(s) differ: " + String.join("; ", wrong)
                + ". The cluster says " + truthRows + "." + explain, evidence);
    }

    /** A matrix cell's truth: a connection made, a status seen (an HTTP probe's 0 is "no answer"). */
    public static boolean cellHolds(Object value) {
        return !Values.isEmpty(value) && !"0".equals(String.valueOf(value));
    }

    static boolean[][] matrixAnswer(PredictionSpec p, String answer) {
        String[] rows = answer.trim().toLowerCase(Locale.ROOT).split("[/,;\\s]+");
        PredictionSpec.Matrix m = p.matrix();
        if (m == null || rows.length != m.rows().size()) {
            return null;
        }
        boolean[][] grid = new boolean[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length() != m.columns().size() || !rows[r].matches("[yn]+")) {
                return null;
            }
            grid[r] = new boolean[rows[r].length()];
            for (int c = 0; c < rows[r].length(); c++) {
                grid[r][c] = rows[r].charAt(c) == 'y';
            }
        }
        return grid;
    }

    static int choiceIndex(PredictionSpec p, String answer) {
        String a = answer.trim();
        for (int i = 0; i < p.choices().size(); i++) {
            if (p.choices().get(i).equalsIgnoreCase(a)) {
                return i;
            }
        }
        if (a.matches("\\d+")) {
            int n = Integer.parseInt(a) - 1;
            return n >= 0 && n < p.choices().size() ? n : -1;
        }
        if (a.length() == 1 && Character.isLetter(a.charAt(0))) {
            int n = Character.toLowerCase(a.charAt(0)) - 'a';
            return n < p.choices().size() ? n : -1;
        }
        return -1;
    }
}
