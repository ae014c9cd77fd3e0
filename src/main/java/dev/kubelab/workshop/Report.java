package dev.kubelab.workshop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A learner's own predictions over time: accuracy per day and overall, and calibration — how
 * often they were right at each confidence they gave (1–5, read as 20 %–100 % sure) — with the
 * verdict whether they are over- or under-confident. Computed once ({@link #summarize}), rendered
 * as terminal text here and as a standalone page by {@link ReportHtml}.
 */
public final class Report {

    /** One graded prediction, however it is stored (the REPL's progress file is one source). */
    public record Outcome(String lesson, String step, String prediction, String answer, Integer confidence, boolean correct,
                          Instant at) {
    }

    /** Where a learner's graded predictions come from. */
    @FunctionalInterface
    public interface History {
        List<Outcome> outcomes();
    }

    /** One day: predictions graded that day, how many right, and the running accuracy up to it. */
    public record Day(LocalDate date, int predictions, int right, int cumulativePct) {
        public int pct() {
            return Report.pct(right, predictions);
        }
    }

    /** One confidence level (1–5): how many predictions were given it, how many of those were right. */
    public record Level(int confidence, int predictions, int right) {
        public int pct() {
            return Report.pct(right, predictions);
        }
    }

    /**
     * @param meanGap confidence (as %) minus accuracy, averaged over rated predictions; null when none was rated
     */
    public record Summary(int predictions, int right, List<Day> days, List<Level> levels, int unrated, Double meanGap,
                          List<Outcome> sureAndWrong) {
        public int pct() {
            return Report.pct(right, predictions);
        }

        /** The calibration verdict in one line, or null without rated predictions. */
        public String verdict() {
            if (meanGap == null) {
                return null;
            }
            return Math.abs(meanGap) < 10 ? "well calibrated: your confidence matches how often you are right"
                    : meanGap > 0 ? String.format("over-confident by %.0f points on average: check before you are sure", meanGap)
                    : String.format("under-confident by %.0f points on average: you know more than you think", -meanGap);
        }
    }

    private Report() {
    }

    public static Summary summarize(List<Outcome> all, ZoneId zone) {
        List<Outcome> outcomes = new ArrayList<>(all);
        outcomes.sort(Comparator.comparing(Outcome::at));
        int right = (int) outcomes.stream().filter(Outcome::correct).count();
        Map<LocalDate, int[]> byDay = new TreeMap<>();
        for (Outcome o : outcomes) {
            int[] c = byDay.computeIfAbsent(o.at().atZone(zone).toLocalDate(), d -> new int[2]);
            c[0]++;
            c[1] += o.correct() ? 1 : 0;
        }
        List<Day> days = new ArrayList<>();
        int runN = 0;
        int runRight = 0;
        for (var e : byDay.entrySet()) {
            runN += e.getValue()[0];
            runRight += e.getValue()[1];
            days.add(new Day(e.getKey(), e.getValue()[0], e.getValue()[1], pct(runRight, runN)));
        }
        int[][] byConf = new int[6][2];
        int unrated = 0;
        for (Outcome o : outcomes) {
            if (o.confidence() == null || o.confidence() < 1 || o.confidence() > 5) {
                unrated++;
                continue;
            }
            byConf[o.confidence()][0]++;
            byConf[o.confidence()][1] += o.correct() ? 1 : 0;
        }
        List<Level> levels = new ArrayList<>();
        double gap = 0;
        int rated = 0;
        for (int c = 1; c <= 5; c++) {
            Level l = new Level(c, byConf[c][0], byConf[c][1]);
            levels.add(l);
            if (l.predictions() > 0) {
                gap += l.predictions() * (c * 20 - l.pct());
                rated += l.predictions();
            }
        }
        List<Outcome> sureAndWrong = outcomes.stream().filter(o -> !o.correct() && o.confidence() != null && o.confidence() >= 4).toList();
        return new Summary(outcomes.size(), right, days, levels, unrated, rated == 0 ? null : gap / rated, sureAndWrong);
    }

    /** The report as terminal text. */
    public static String render(List<Outcome> all, ZoneId zone) {
        Summary s = summarize(all, zone);
        if (s.predictions() == 0) {
            return "no predictions yet: answer some in a lesson (./kubelab), then run kubelab report again\n";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d predictions, %d right: accuracy %d%%%n%n", s.predictions(), s.right(), s.pct()));
        sb.append("over time\n");
        for (Day d : s.days()) {
            sb.append(String.format("  %s  %3d predictions  %3d%% right  %s  (cumulative %d%%)%n", d.date(), d.predictions(),
                    d.pct(), bar(d.pct()), d.cumulativePct()));
        }
        sb.append("\ncalibration (confidence you gave vs how often you were right)\n");
        for (Level l : s.levels()) {
            if (l.predictions() == 0) {
                sb.append(String.format("  %d/5 (~%3d%% sure)   —%n", l.confidence(), l.confidence() * 20));
            } else {
                sb.append(String.format("  %d/5 (~%3d%% sure)  %3d%% right of %-3d %s%n", l.confidence(), l.confidence() * 20, l.pct(),
                        l.predictions(), bar(l.pct())));
            }
        }
        if (s.unrated() > 0) {
            sb.append(String.format("  no confidence given: %d%n", s.unrated()));
        }
        if (s.verdict() != null) {
            sb.append(String.format("%n%s%n", s.verdict()));
        }
        if (!s.sureAndWrong().isEmpty()) {
            sb.append("\nsure and wrong (worth revisiting)\n");
            for (Outcome o : s.sureAndWrong()) {
                sb.append(String.format("  %s / %s: answered '%s' at %d/5%n", o.lesson(), o.prediction(), o.answer(), o.confidence()));
            }
        }
        return sb.toString();
    }

    static int pct(long part, long whole) {
        return whole == 0 ? 0 : (int) Math.round(100.0 * part / whole);
    }

    private static String bar(int pct) {
        return "#".repeat(pct / 10) + ".".repeat(10 - pct / 10);
    }
}
