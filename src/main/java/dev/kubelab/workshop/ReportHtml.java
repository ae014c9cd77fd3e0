package dev.kubelab.workshop;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubelab report --html FILE}: the learner's report as one self-contained page (no script, no
 * external file): accuracy over time as a line chart, calibration as confidence-vs-right points
 * against the diagonal of perfect calibration, and the predictions they were sure of and got wrong.
 */
public final class ReportHtml {

    private static final int W = 420;
    private static final int H = 260;
    private static final int PAD = 40;

    private ReportHtml() {
    }

    public static String render(Report.Summary s, String who, Instant generated) {
        StringBuilder h = new StringBuilder();
        h.append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>kubelab report</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2em;max-width:60em;color:#222;background:#fcfcfc}
                h1{margin-bottom:.2em} .sub{color:#666;margin-top:0} figure{display:inline-block;margin:0 2em 1.5em 0}
                figcaption{font-weight:600;margin-bottom:.4em} svg text{font-size:11px;fill:#444}
                table{border-collapse:collapse} td,th{border-bottom:1px solid #ddd;padding:4px 10px;text-align:left}
                .verdict{font-size:1.1em;padding:.6em 1em;background:#eef3fb;border-left:4px solid #4a7bd0}
                </style></head><body>
                """);
        h.append("<h1>Your predictions</h1><p class=\"sub\">").append(esc(who)).append(" · generated ")
                .append(esc(generated.toString())).append("</p>");
        if (s.predictions() == 0) {
            h.append("<p id=\"empty\">No predictions yet: answer some in a lesson, then export again.</p></body></html>\n");
            return h.toString();
        }
        h.append("<p id=\"total\"><b>").append(s.predictions()).append("</b> predictions, <b>").append(s.right())
                .append("</b> right: accuracy <b>").append(s.pct()).append("%</b></p>");
        if (s.verdict() != null) {
            h.append("<p class=\"verdict\" id=\"verdict\">").append(esc(s.verdict())).append("</p>");
        }
        h.append("<figure id=\"over-time\"><figcaption>Accuracy over time</figcaption>").append(overTime(s.days())).append("</figure>");
        h.append("<figure id=\"calibration\"><figcaption>Calibration: how sure you were vs how often you were right</figcaption>")
                .append(calibration(s.levels())).append("</figure>");
        h.append("<h2>By day</h2><table><tr><th>day</th><th>predictions</th><th>right</th><th>cumulative</th></tr>");
        for (Report.Day d : s.days()) {
            h.append("<tr data-day=\"").append(d.date()).append("\"><td>").append(d.date()).append("</td><td>").append(d.predictions())
                    .append("</td><td>").append(d.pct()).append("%</td><td>").append(d.cumulativePct()).append("%</td></tr>");
        }
        h.append("</table><h2>By confidence</h2><table><tr><th>confidence</th><th>predictions</th><th>right</th></tr>");
        for (Report.Level l : s.levels()) {
            h.append("<tr data-confidence=\"").append(l.confidence()).append("\"><td>").append(l.confidence()).append("/5 (~")
                    .append(l.confidence() * 20).append("% sure)</td><td>").append(l.predictions()).append("</td><td>")
                    .append(l.predictions() == 0 ? "—" : l.pct() + "%").append("</td></tr>");
        }
        h.append("</table>");
        if (s.unrated() > 0) {
            h.append("<p>No confidence given: ").append(s.unrated()).append("</p>");
        }
        if (!s.sureAndWrong().isEmpty()) {
            h.append("<h2>Sure and wrong (worth revisiting)</h2><table><tr><th>lesson</th><th>prediction</th><th>your answer</th>"
                    + "<th>confidence</th></tr>");
            for (Report.Outcome o : s.sureAndWrong()) {
                h.append("<tr><td>").append(esc(o.lesson())).append("</td><td>").append(esc(o.prediction())).append("</td><td><code>")
                        .append(esc(o.answer())).append("</code></td><td>").append(o.confidence()).append("/5</td></tr>");
            }
            h.append("</table>");
        }
        return h.append("</body></html>\n").toString();
    }

    private static double x(int i, int n) {
        return n <= 1 ? PAD + (W - 2 * PAD) / 2.0 : PAD + (W - 2.0 * PAD) * i / (n - 1);
    }

    private static double y(double pct) {
        return H - PAD - (H - 2.0 * PAD) * pct / 100.0;
    }

    private static StringBuilder axes(String xLabel) {
        StringBuilder g = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
                + "\" viewBox=\"0 0 " + W + " " + H + "\" role=\"img\">");
        for (int p = 0; p <= 100; p += 25) {
            g.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e4e4\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d%%</text>", PAD, W - PAD, y(p), y(p), PAD - 6, y(p) + 4, p));
        }
        g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", W / 2, H - 6, esc(xLabel)));
        return g;
    }

    private static String overTime(List<Report.Day> days) {
        StringBuilder g = axes("day (bars: that day's accuracy; line: cumulative)");
        int n = days.size();
        double bw = Math.max(4, Math.min(30, (W - 2.0 * PAD) / Math.max(1, n) * 0.5));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Report.Day d = days.get(i);
            double cx = x(i, n);
            g.append(String.format(Locale.ROOT, "<rect class=\"day\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#b9cdf0\">"
                    + "<title>%s: %d of %d right</title></rect>", cx - bw / 2, y(d.pct()), bw, y(0) - y(d.pct()), d.date(), d.right(),
                    d.predictions()));
            line.append(i == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f ", cx, y(d.cumulativePct())));
            if (n <= 8 || i == 0 || i == n - 1) {
                g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", cx, H - PAD + 14,
                        d.date().toString().substring(5)));
            }
        }
        g.append("<path d=\"").append(line.toString().trim()).append("\" fill=\"none\" stroke=\"#2a5bb0\" stroke-width=\"2\"/>");
        return g.append("</svg>").toString();
    }

    private static String calibration(List<Report.Level> levels) {
        StringBuilder g = axes("confidence you gave (1/5 = 20% sure ... 5/5 = 100%)");
        g.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 4\">"
                + "<title>perfect calibration</title></line>", x(0, 5), y(20), x(4, 5), y(100)));
        for (Report.Level l : levels) {
            double cx = x(l.confidence() - 1, 5);
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d/5</text>", cx, H - PAD + 14,
                    l.confidence()));
            if (l.predictions() > 0) {
                double r = 4 + Math.min(10, Math.sqrt(l.predictions()) * 2);
                String fill = l.pct() < l.confidence() * 20 - 10 ? "#d05a4a" : "#3a9a5a";
                g.append(String.format(Locale.ROOT, "<circle class=\"level\" data-confidence=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" "
                        + "fill=\"%s\" fill-opacity=\"0.8\"><title>%d/5: %d%% right of %d</title></circle>", l.confidence(), cx,
                        y(l.pct()), r, fill, l.confidence(), l.pct(), l.predictions()));
            }
        }
        return g.append("</svg>").toString();
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
