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
 * verdict whether they are over- or under-confident.
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

    private Report() {
    }

    /** The report as terminal text. */
    public static String render(List<Outcome> all, ZoneId zone) {
        List<Outcome> outcomes = new ArrayList<>(all);
        outcomes.sort(Comparator.comparing(Outcome::at));
        StringBuilder sb = new StringBuilder();
        if (outcomes.isEmpty()) {
            return "no predictions yet: answer some in a lesson (./kubelab), then run kubelab report again\n";
        }
        long right = outcomes.stream().filter(Outcome::correct).count();
        sb.append(String.format("%d predictions, %d right: accuracy %d%%%n%n", outcomes.size(), right, pct(right, outcomes.size())));
        sb.append("over time\n");
        Map<LocalDate, int[]> byDay = new TreeMap<>();
        for (Outcome o : outcomes) {
            int[] c = byDay.computeIfAbsent(o.at().atZone(zone).toLocalDate(), d -> new int[2]);
            c[0]++;
            c[1] += o.correct() ? 1 : 0;
        }
        int runN = 0;
        int runRight = 0;
        for (var e : byDay.entrySet()) {
            runN += e.getValue()[0];
            runRight += e.getValue()[1];
            sb.append(String.format("  %s  %3d predictions  %3d%% right  %s  (cumulative %d%%)%n", e.getKey(), e.getValue()[0],
                    pct(e.getValue()[1], e.getValue()[0]), bar(pct(e.getValue()[1], e.getValue()[0])), pct(runRight, runN)));
        }
        sb.append("\ncalibration (confidence you gave vs how often you were right)\n");
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
        double gap = 0;
        int rated = 0;
        for (int c = 1; c <= 5; c++) {
            int n = byConf[c][0];
            if (n == 0) {
                sb.append(String.format("  %d/5 (~%3d%% sure)   —%n", c, c * 20));
                continue;
            }
            int p = pct(byConf[c][1], n);
            sb.append(String.format("  %d/5 (~%3d%% sure)  %3d%% right of %-3d %s%n", c, c * 20, p, n, bar(p)));
            gap += n * (c * 20 - p);
            rated += n;
        }
        if (unrated > 0) {
            sb.append(String.format("  no confidence given: %d%n", unrated));
        }
        if (rated > 0) {
            double mean = gap / rated;
            sb.append(String.format("%n%s%n", Math.abs(mean) < 10 ? "well calibrated: your confidence matches how often you are right"
                    : mean > 0 ? String.format("over-confident by %.0f points on average: check before you are sure", mean)
                    : String.format("under-confident by %.0f points on average: you know more than you think", -mean)));
        }
        List<Outcome> sureAndWrong = outcomes.stream().filter(o -> !o.correct() && o.confidence() != null && o.confidence() >= 4).toList();
        if (!sureAndWrong.isEmpty()) {
            sb.append("\nsure and wrong (worth revisiting)\n");
            for (Outcome o : sureAndWrong) {
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
