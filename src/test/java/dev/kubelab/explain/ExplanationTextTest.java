package dev.kubelab.explain;

import dev.kubelab.explain.ExplanationText.Kind;
import dev.kubelab.explain.ExplanationText.Line;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExplanationTextTest {

    private static final String FROM = "trino/coordinator-0";
    private static final String TO = "garage.garage:3900";

    private static final Finding RESOLV = Finding.ok(Layer.RESOLV_CONF, "nameserver 10.96.0.10, cluster domain cluster.local, ndots:5",
            List.of("nameserver 10.96.0.10; search trino.svc.cluster.local; ndots:5"));
    private static final Finding DNS = Finding.ok(Layer.DNS, "garage.garage resolves to 10.96.37.201",
            List.of("`getent hosts garage.garage`: 10.96.37.201", "  tried garage.garage.trino.svc.cluster.local. -> no such name"));
    private static final Finding ENDPOINTS_BROKEN = Finding.broken(Layer.ENDPOINTS,
            "the selector app=garage-v2 matches no pod in garage", List.of("1 EndpointSlice(s): ready (none)"),
            "make the Service's selector match the pods' labels");
    private static final Finding LISTENING_SKIPPED = Finding.skipped(Layer.LISTENING, "no target pod to look into");
    private static final Finding POLICY_BROKEN = Finding.broken(Layer.POLICY, "ingress denied", List.of("ingress: denied"),
            "add an ingress rule");
    private static final Finding CONN_BROKEN = Finding.broken(Layer.CONNECTION, "refused in 3 ms", List.of("`nc -z`: exit 1"), null);
    private static final Finding CONN_OK = Finding.ok(Layer.CONNECTION, "connected to garage.garage:3900 in 2 ms", List.of("`nc -z`: exit 0"));

    private static Explanation explanation(Finding... findings) {
        return new Explanation(FROM, TO, List.of(findings), Duration.ofMillis(1260));
    }

    private static List<String> texts(List<Line> lines, Kind kind) {
        return lines.stream().filter(l -> l.kind() == kind).map(Line::text).toList();
    }

    @Test
    void aBrokenConnection() {
        Explanation e = explanation(RESOLV, DNS, ENDPOINTS_BROKEN, LISTENING_SKIPPED, POLICY_BROKEN, CONN_BROKEN);
        List<Line> lines = ExplanationText.lines(e, false);

        assertEquals(Kind.HEADER, lines.get(0).kind());
        assertEquals("Explaining trino/coordinator-0 -> garage.garage:3900  (read live in 1.3 s)", lines.get(0).text());

        Line verdict = lines.get(1);
        assertEquals(Kind.VERDICT, verdict.kind());
        assertEquals(Finding.Status.BROKEN, verdict.status());
        assertEquals("Broken at the endpoints layer: the selector app=garage-v2 matches no pod in garage", verdict.text());

        // the fix of the first broken layer, not of the later broken policy
        assertEquals("  kind of fix: make the Service's selector match the pods' labels", lines.get(2).text());
        assertEquals(1, lines.stream().filter(l -> l.text().contains("kind of fix:")).count());

        List<Line> layers = lines.stream().filter(l -> l.kind() == Kind.LAYER).toList();
        assertEquals(6, layers.size());
        assertEquals(List.of(Finding.Status.OK, Finding.Status.OK, Finding.Status.BROKEN, Finding.Status.SKIPPED,
                Finding.Status.BROKEN, Finding.Status.BROKEN), layers.stream().map(Line::status).toList());
        assertTrue(layers.get(2).text().startsWith("  BROKEN  endpoints"), layers.get(2).text());
        assertTrue(layers.get(3).text().startsWith("  -       listening port"), layers.get(3).text());
        assertTrue(layers.get(2).text().endsWith("the selector app=garage-v2 matches no pod in garage"));

        // evidence follows its layer, starting in the column where the summaries start
        int summaryColumn = layers.get(1).text().indexOf(DNS.summary());
        int dnsLine = lines.indexOf(layers.get(1));
        assertEquals(" ".repeat(summaryColumn) + "`getent hosts garage.garage`: 10.96.37.201", lines.get(dnsLine + 1).text());
        assertEquals(" ".repeat(summaryColumn) + "  tried garage.garage.trino.svc.cluster.local. -> no such name",
                lines.get(dnsLine + 2).text());
        for (Line layer : layers) {
            assertEquals(summaryColumn, layer.text().length() - findingOf(e, layer).summary().length(),
                    "summaries aligned: " + layer.text());
        }
    }

    private static Finding findingOf(Explanation e, Line layerLine) {
        return e.findings().stream().filter(f -> layerLine.text().endsWith(f.summary())).findFirst().orElseThrow();
    }

    @Test
    void compactDropsTheEvidenceOnly() {
        Explanation e = explanation(RESOLV, DNS, ENDPOINTS_BROKEN, LISTENING_SKIPPED, POLICY_BROKEN, CONN_BROKEN);
        List<Line> full = ExplanationText.lines(e, false);
        List<Line> compact = ExplanationText.lines(e, true);
        int evidence = e.findings().stream().mapToInt(f -> f.evidence().size()).sum();
        assertEquals(full.size() - evidence, compact.size());
        assertEquals(texts(full, Kind.LAYER), texts(compact, Kind.LAYER));
        assertEquals(List.of("  kind of fix: make the Service's selector match the pods' labels", ""), texts(compact, Kind.DETAIL));
        assertFalse(compact.stream().anyMatch(l -> l.text().contains("getent hosts")));
        assertTrue(full.stream().anyMatch(l -> l.text().contains("getent hosts")));
    }

    @Test
    void aBrokenLayerWithoutAFixKindPrintsNoFixLine() {
        Explanation e = explanation(RESOLV, DNS, CONN_BROKEN);
        List<Line> lines = ExplanationText.lines(e, true);
        assertFalse(lines.stream().anyMatch(l -> l.text().contains("kind of fix")));
        assertEquals("Broken at the connection layer: refused in 3 ms", lines.get(1).text());
    }

    @Test
    void healthy() {
        Explanation e = explanation(RESOLV, DNS, LISTENING_SKIPPED, CONN_OK);
        assertTrue(e.healthy());
        List<Line> lines = ExplanationText.lines(e, true);
        assertEquals(Finding.Status.OK, lines.get(1).status());
        assertEquals("Healthy: trino/coordinator-0 reaches garage.garage:3900 through every layer.", lines.get(1).text());
        assertFalse(lines.stream().anyMatch(l -> l.text().contains("kind of fix")));
        assertEquals("", lines.get(2).text());
    }

    @Test
    void healthyNeedsTheConnectionProvenAndNothingBroken() {
        assertFalse(explanation(RESOLV, DNS, POLICY_BROKEN, CONN_OK).healthy(), "a broken layer");
        assertFalse(explanation(RESOLV, DNS).healthy(), "no connection attempted");
        assertFalse(explanation(RESOLV, Finding.unknown(Layer.CONNECTION, "the attempt did not finish", List.of())).healthy());
        assertFalse(explanation(RESOLV, Finding.warning(Layer.CONNECTION, "accepted, no answer", List.of())).healthy());
        assertTrue(explanation(Finding.warning(Layer.POLICY, "not enforced", List.of()), CONN_OK).healthy(), "a warning is not broken");
    }

    @Test
    void notProvenIsUnknown() {
        Explanation e = explanation(RESOLV, DNS, Finding.unknown(Layer.CONNECTION, "the connection attempt did not finish", List.of()));
        List<Line> lines = ExplanationText.lines(e, true);
        assertEquals(Finding.Status.UNKNOWN, lines.get(1).status());
        assertEquals("No layer is known to be broken, but the connection was not proven: the connection attempt did not finish",
                lines.get(1).text());
        assertEquals("No layer is known to be broken, but the connection was not proven: it was not attempted",
                explanation(RESOLV).verdict());
    }

    @Test
    void explanationHelpers() {
        Explanation e = explanation(RESOLV, ENDPOINTS_BROKEN, POLICY_BROKEN, CONN_OK);
        assertEquals(ENDPOINTS_BROKEN, e.firstBroken().orElseThrow());
        assertEquals(POLICY_BROKEN, e.finding(Layer.POLICY).orElseThrow());
        assertTrue(e.finding(Layer.DNS).isEmpty());
        assertNull(e.finding(Layer.CONNECTION).orElseThrow().fixKind());
    }

    @Test
    void words() {
        assertEquals("ok", ExplanationText.word(Finding.Status.OK));
        assertEquals("BROKEN", ExplanationText.word(Finding.Status.BROKEN));
        assertEquals("warn", ExplanationText.word(Finding.Status.WARNING));
        assertEquals("unknown", ExplanationText.word(Finding.Status.UNKNOWN));
        assertEquals("-", ExplanationText.word(Finding.Status.SKIPPED));
    }
}
