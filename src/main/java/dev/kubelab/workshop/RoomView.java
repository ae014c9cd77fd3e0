package dev.kubelab.workshop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * The room as the instructor sees it, kept in memory and updated per accepted event (rebuilt
 * from the store on start): a learner × step grid, who is stuck, and per prediction the
 * distribution of answers with their confidence and correctness — the room's misconception map.
 */
public final class RoomView {

    /** Time on one step after which a learner is shown as stuck. */
    static final Duration STUCK_AFTER = Duration.ofMinutes(5);
    /** Failed checks on one step after which a learner is shown as stuck. */
    static final int STUCK_FAILS = 3;

    private record Cell(String status, int failedChecks, long since) {
    }

    private static final class Learner {
        final Map<String, Cell> cells = new LinkedHashMap<>();
        String current;
        long events;
    }

    private static final class Answer {
        int count;
        int correct;
        int confidenceSum;
        int confident;
    }

    private final List<String> columns = new ArrayList<>();
    private final Set<String> known = new LinkedHashSet<>();
    private final Map<String, Learner> learners = new TreeMap<>();
    private final Map<String, Map<String, Answer>> predictions = new TreeMap<>();
    private final Map<String, String> questions = new LinkedHashMap<>();
    /** Bumped per accepted event: a dashboard that saw version V waits for V+1 instead of polling. */
    private long version;
    private final List<CompletableFuture<Long>> waiters = new ArrayList<>();

    /** @param columns {@code lesson/step} in lesson order; steps seen only in events are appended */
    public RoomView(List<String> learners, List<String> columns, Map<String, String> questions) {
        learners.forEach(l -> this.learners.put(l, new Learner()));
        columns.forEach(this::column);
        this.questions.putAll(questions);
    }

    private void column(String key) {
        if (known.add(key)) {
            this.columns.add(key);
        }
    }

    public void accept(Event e) {
        List<CompletableFuture<Long>> wake;
        long v;
        synchronized (this) {
            apply(e);
            v = ++version;
            wake = new ArrayList<>(waiters);
            waiters.clear();
        }
        wake.forEach(w -> w.complete(v));
    }

    public synchronized long version() {
        return version;
    }

    /** Dashboards waiting for the next change (open instructor pages). */
    public synchronized int watching() {
        waiters.removeIf(CompletableFuture::isDone);
        return waiters.size();
    }

    /**
     * Completes (with the version) as soon as the view differs from version {@code seen}: at once if it already
     * does (also when {@code seen} is from before a server restart, which numbers the rebuilt view afresh).
     */
    public synchronized CompletableFuture<Long> changedSince(long seen) {
        if (version != seen) {
            return CompletableFuture.completedFuture(version);
        }
        CompletableFuture<Long> f = new CompletableFuture<>();
        waiters.add(f);
        return f;
    }

    private void apply(Event e) {
        Learner l = learners.computeIfAbsent(e.learner(), k -> new Learner());
        l.events++;
        String key = e.lesson() + "/" + e.step();
        column(key);
        Cell c = l.cells.get(key);
        switch (e.type()) {
            case "step" -> {
                if (e.status().equals("started")) {
                    l.current = key;
                    l.cells.put(key, c == null ? new Cell("started", 0, e.at()) : new Cell(c.status(), c.failedChecks(), e.at()));
                } else {
                    l.cells.put(key, new Cell("passed", c == null ? 0 : c.failedChecks(), c == null ? e.at() : c.since()));
                }
            }
            case "check" -> {
                if (e.status().equals("failed") && (c == null || !c.status().equals("passed"))) {
                    l.cells.put(key, new Cell("started", (c == null ? 0 : c.failedChecks()) + 1, c == null ? e.at() : c.since()));
                }
            }
            default -> {
                Answer a = predictions.computeIfAbsent(e.lesson() + "/" + e.prediction(), k -> new TreeMap<>())
                        .computeIfAbsent(e.answer().trim().toLowerCase(), k -> new Answer());
                a.count++;
                if (Boolean.TRUE.equals(e.correct())) {
                    a.correct++;
                }
                if (e.confidence() != null) {
                    a.confidenceSum += e.confidence();
                    a.confident++;
                }
                if (c == null) {
                    l.cells.put(key, new Cell("started", 0, e.at()));
                }
            }
        }
    }

    /** The dashboard's live part: grid, stuck list and histograms, as an HTML fragment. */
    public synchronized String html(long now) {
        StringBuilder h = new StringBuilder();
        List<String> stuck = new ArrayList<>();
        h.append("<table id=\"grid\" class=\"grid\"><thead><tr><th>learner</th><th>events</th>");
        for (String col : columns) {
            h.append("<th title=\"").append(esc(col)).append("\">").append(esc(col.substring(col.indexOf('/') + 1))).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        for (var le : learners.entrySet()) {
            Learner l = le.getValue();
            h.append("<tr data-learner=\"").append(esc(le.getKey())).append("\" data-count=\"").append(l.events).append("\"><th>")
                    .append(esc(le.getKey())).append("</th><td>").append(l.events).append("</td>");
            for (String col : columns) {
                Cell c = l.cells.get(col);
                String cls = c == null ? "none" : c.status();
                String text = c == null ? "" : c.status().equals("passed") ? "✔" : col.equals(l.current) ? "▸" : "·";
                if (c != null && c.failedChecks() > 0 && !c.status().equals("passed")) {
                    text += "✘" + c.failedChecks();
                }
                h.append("<td class=\"").append(cls).append("\">").append(text).append("</td>");
            }
            h.append("</tr>");
            Cell cur = l.current == null ? null : l.cells.get(l.current);
            if (cur != null && !cur.status().equals("passed")) {
                long minutes = Math.max(0, (now - cur.since()) / 60000);
                if (now - cur.since() >= STUCK_AFTER.toMillis() || cur.failedChecks() >= STUCK_FAILS) {
                    stuck.add(le.getKey() + " on " + l.current + ": " + minutes + " min, " + cur.failedChecks() + " failed checks");
                }
            }
        }
        h.append("</tbody></table><h2>Stuck</h2><ul id=\"stuck\">");
        if (stuck.isEmpty()) {
            h.append("<li class=\"quiet\">nobody</li>");
        }
        stuck.forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
        h.append("</ul><h2>Predictions</h2>");
        for (var pe : predictions.entrySet()) {
            int total = pe.getValue().values().stream().mapToInt(a -> a.count).sum();
            String q = questions.getOrDefault(pe.getKey(), "");
            h.append("<div class=\"histogram\" data-prediction=\"").append(esc(pe.getKey())).append("\"><h3>")
                    .append(esc(pe.getKey())).append("</h3><p class=\"q\">").append(esc(q)).append("</p><table>");
            for (var ae : pe.getValue().entrySet()) {
                Answer a = ae.getValue();
                int pct = total == 0 ? 0 : Math.round(100f * a.count / total);
                String conf = a.confident == 0 ? "–" : String.format("%.1f", (double) a.confidenceSum / a.confident);
                h.append("<tr class=\"").append(a.correct * 2 >= a.count ? "right" : "wrong").append("\" data-answer=\"")
                        .append(esc(ae.getKey())).append("\" data-count=\"").append(a.count).append("\"><td>").append(esc(ae.getKey()))
                        .append("</td><td><span class=\"bar\" style=\"width:").append(pct * 3).append("px\"></span> ")
                        .append(a.count).append("</td><td>").append(a.correct * 2 >= a.count ? "right" : "wrong")
                        .append("</td><td>confidence ").append(conf).append("</td></tr>");
            }
            h.append("</table></div>");
        }
        return h.toString();
    }

    /** Events counted per learner (what the grid shows), for tests and the load test. */
    public synchronized Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        learners.forEach((k, v) -> m.put(k, v.events));
        return m;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
