package dev.kubelab.workshop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportTest {

    @TempDir
    Path dir;

    @Test
    void accuracyOverTimeAndCalibration() {
        List<Report.Outcome> o = List.of(
                new Report.Outcome("cluster-dns", "s1", "p1", "yes", 5, false, Instant.parse("2026-11-24T10:00:00Z")),
                new Report.Outcome("cluster-dns", "s1", "p2", "no", 5, true, Instant.parse("2026-11-24T10:05:00Z")),
                new Report.Outcome("network-policy", "s2", "p3", "yy/nn", 5, false, Instant.parse("2026-11-25T09:00:00Z")),
                new Report.Outcome("network-policy", "s2", "p4", "10.0.0.1", null, true, Instant.parse("2026-11-25T09:01:00Z")));
        String r = Report.render(o, ZoneOffset.UTC);
        assertTrue(r.startsWith("4 predictions, 2 right: accuracy 50%"), r);
        assertTrue(r.contains("2026-11-24    2 predictions   50% right"), r);
        assertTrue(r.contains("2026-11-25    2 predictions   50% right"), r);
        assertTrue(r.contains("5/5 (~100% sure)   33% right of 3"), r);
        assertTrue(r.contains("no confidence given: 1"), r);
        assertTrue(r.contains("over-confident by 67 points"), r);
        assertTrue(r.contains("network-policy / p3: answered 'yy/nn' at 5/5"), r);
    }

    @Test
    void readsTheReplsProgressFile() throws Exception {
        Path f = dir.resolve("progress.yaml");
        Files.writeString(f, """
                version: 1
                lessons:
                  cluster-dns:
                    done: false
                    steps:
                      short-names:
                        status: started
                        attempts: 1
                        predictions:
                        - {id: short-name-resolves, answer: 'yes', confidence: 4, verdict: fail, at: '2026-11-25T10:00:00Z'}
                        - {id: other, answer: 'no', verdict: error, at: '2026-11-25T10:01:00Z'}
                """);
        List<Report.Outcome> o = new ProgressFileHistory(f).outcomes();
        assertEquals(1, o.size());
        assertEquals(new Report.Outcome("cluster-dns", "short-names", "short-name-resolves", "yes", 4, false,
                Instant.parse("2026-11-25T10:00:00Z")), o.get(0));
        assertEquals(List.of(), new ProgressFileHistory(dir.resolve("none.yaml")).outcomes());
        Files.writeString(f, "version: 7\n");
        assertThrows(ProgressFileHistory.Unreadable.class, () -> new ProgressFileHistory(f).outcomes());
    }

    @Test
    void theHtmlExportShowsTheSameFiguresAsTheTerminal() {
        List<Report.Outcome> o = List.of(
                new Report.Outcome("cluster-dns", "s1", "p1", "<script>alert(1)</script>", 5, false, Instant.parse("2026-11-24T10:00:00Z")),
                new Report.Outcome("cluster-dns", "s1", "p2", "no", 5, true, Instant.parse("2026-11-24T10:05:00Z")),
                new Report.Outcome("network-policy", "s2", "p3", "yy/nn", 2, true, Instant.parse("2026-11-25T09:00:00Z")),
                new Report.Outcome("network-policy", "s2", "p4", "10.0.0.1", null, true, Instant.parse("2026-11-25T09:01:00Z")));
        Report.Summary s = Report.summarize(o, ZoneOffset.UTC);
        String page = ReportHtml.render(s, "ana", Instant.parse("2026-11-25T12:00:00Z"));
        assertTrue(page.contains("<b>4</b> predictions, <b>3</b> right: accuracy <b>75%</b>"), page);
        assertTrue(page.contains("<tr data-day=\"2026-11-24\"><td>2026-11-24</td><td>2</td><td>50%</td><td>50%</td></tr>"), page);
        assertTrue(page.contains("<tr data-day=\"2026-11-25\"><td>2026-11-25</td><td>2</td><td>100%</td><td>75%</td></tr>"), page);
        // one point per confidence level that was used: 2/5 and 5/5
        assertEquals(2, page.split("<circle class=\"level\"", -1).length - 1, page);
        assertTrue(page.contains("<title>5/5: 50% right of 2</title>"), page);
        assertTrue(page.contains("<title>2/5: 100% right of 1</title>"), page);
        assertEquals(2, page.split("<rect class=\"day\"", -1).length - 1);
        assertTrue(page.contains(s.verdict()), page);
        // the learner's answers are text, never markup
        assertFalse(page.contains("<script>"), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page);
        assertTrue(ReportHtml.render(Report.summarize(List.of(), ZoneOffset.UTC), "ana", Instant.EPOCH).contains("id=\"empty\""));
    }
}
