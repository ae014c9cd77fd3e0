package dev.kubelab.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An explanation as plain lines (no colour codes): the REPL colours them by status, the CLI prints them as they are. */
public final class ExplanationText {

    /** What a line is, so a renderer can style it: the header, the verdict sentence, one layer, or evidence. */
    public enum Kind { HEADER, VERDICT, LAYER, DETAIL }

    public record Line(Kind kind, Finding.Status status, String text) {
    }

    private ExplanationText() {
    }

    /** @param compact one line per layer, without the evidence */
    public static List<Line> lines(Explanation e, boolean compact) {
        List<Line> out = new ArrayList<>();
        Finding.Status headline = e.firstBroken().isPresent() ? Finding.Status.BROKEN
                : e.healthy() ? Finding.Status.OK : Finding.Status.UNKNOWN;
        out.add(new Line(Kind.HEADER, null, "Explaining " + e.from() + " -> " + e.to() + "  (read live in "
                + String.format(Locale.ROOT, "%.1f", e.took().toMillis() / 1000.0) + " s)"));
        out.add(new Line(Kind.VERDICT, headline, e.verdict()));
        e.firstBroken().map(Finding::fixKind).filter(f -> f != null)
                .ifPresent(fix -> out.add(new Line(Kind.DETAIL, null, "  kind of fix: " + fix)));
        out.add(new Line(Kind.DETAIL, null, ""));
        int width = e.findings().stream().mapToInt(f -> f.layer().title().length()).max().orElse(10);
        for (Finding f : e.findings()) {
            out.add(new Line(Kind.LAYER, f.status(), String.format(Locale.ROOT, "  %-7s %-" + width + "s  %s", word(f.status()),
                    f.layer().title(), f.summary())));
            if (!compact) {
                for (String ev : f.evidence()) {
                    out.add(new Line(Kind.DETAIL, null, " ".repeat(width + 12) + ev));
                }
            }
        }
        return out;
    }

    public static String word(Finding.Status s) {
        return switch (s) {
            case OK -> "ok";
            case BROKEN -> "BROKEN";
            case WARNING -> "warn";
            case UNKNOWN -> "unknown";
            case SKIPPED -> "-";
        };
    }
}
