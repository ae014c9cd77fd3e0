package dev.kubelab.check;

import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.Resolver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraderTest {

    private static final PodRef TRINO = new PodRef("trino", null, "app=trino", null);

    private static Grader grader(FakeProber p) {
        return new Grader(new CheckEngine(p, k -> null, ns -> ns));
    }

    private static PredictionSpec predict(AnswerKind kind, ProbeSpec probe, List<String> choices) {
        return new PredictionSpec("p", "q?", kind, choices, probe, null, null, null, 1);
    }

    @Test
    void yesNoFromADnsLookup() {
        PredictionSpec p = predict(AnswerKind.YESNO, new ProbeSpec.DnsLookup(TRINO, "garage", Resolver.GETENT), List.of());
        FakeProber none = FakeProber.of(s -> List.of());
        assertInstanceOf(Verdict.Pass.class, grader(none).grade(p, "no"));
        Verdict.Fail f = assertInstanceOf(Verdict.Fail.class, grader(none).grade(p, "yes"));
        assertTrue(f.reason().startsWith("you said yes; the cluster says no."), f.reason());
    }

    @Test
    void ipAnswersAreComparedAsAddresses() {
        PredictionSpec p = predict(AnswerKind.IP, new ProbeSpec.DnsLookup(TRINO, "garage.garage", Resolver.GETENT), List.of());
        FakeProber live = FakeProber.of(s -> List.of("10.96.37.201"));
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, " 10.96.37.201 "));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "10.96.100.50"));
    }

    @Test
    void numberOfAListIsItsSize() {
        PredictionSpec p = predict(AnswerKind.NUMBER, new ProbeSpec.EndpointAddresses("garage", "garage"), List.of());
        FakeProber live = FakeProber.of(s -> List.of());
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "0"));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "1"));
    }

    @Test
    void choiceByTextLetterOrNumber() {
        PredictionSpec p = predict(AnswerKind.CHOICE, new ProbeSpec.ServiceField("garage", "garage", "type"),
                List.of("ClusterIP", "NodePort", "LoadBalancer"));
        FakeProber live = FakeProber.of(s -> "ClusterIP");
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "a"));
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "1"));
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "clusterip"));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "NodePort"));
        assertTrue(Grader.invalid(p, "z").isPresent());
    }

    @Test
    void hostNamesNormalised() {
        PredictionSpec p = predict(AnswerKind.HOST, new ProbeSpec.Literal("garage-0.garage-headless.garage.svc.cluster.local"), List.of());
        assertInstanceOf(Verdict.Pass.class, grader(FakeProber.of(s -> null)).grade(p, "GARAGE-0.garage-headless.garage.svc.cluster.local."));
    }

    @Test
    void matrixGradesEveryCellAndNamesTheWrongOnes() {
        ProbeSpec a = new ProbeSpec.TcpConnect(TRINO, "garage.garage", "3900", 3);
        ProbeSpec b = new ProbeSpec.TcpConnect(TRINO, "postgres.database", "5432", 3);
        PredictionSpec p = new PredictionSpec("m", "which?", AnswerKind.MATRIX, List.of(), null, null,
                new PredictionSpec.Matrix(List.of("trino"), List.of("garage", "postgres"), List.of(List.of(a, b))), null, 1);
        FakeProber live = FakeProber.of(s -> ((ProbeSpec.TcpConnect) s).port().equals("3900"));
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "yn"));
        Verdict.Fail f = assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "yy"));
        assertTrue(f.reason().contains("trino → postgres is blocked"), f.reason());
        assertTrue(Grader.invalid(p, "y").isPresent());
    }

    @Test
    void unreadableAnswersAreRejectedBeforeGrading() {
        PredictionSpec ip = predict(AnswerKind.IP, new ProbeSpec.Literal("x"), List.of());
        assertEquals("'ten' is not an IP address", Grader.invalid(ip, "ten").orElseThrow());
        PredictionSpec yn = predict(AnswerKind.YESNO, new ProbeSpec.Literal(true), List.of());
        assertTrue(Grader.invalid(yn, "maybe").isPresent());
        assertTrue(Grader.invalid(yn, "y").isEmpty());
    }

    @Test
    void expectTurnsAValueIntoYesOrNo() {
        PredictionSpec p = new PredictionSpec("p", "answers 200?", AnswerKind.YESNO, List.of(),
                new ProbeSpec.HttpGet(TRINO, "http://garage.garage:3900", 3),
                new Expectation.Equals(new ProbeSpec.Literal(200)), null, null, 1);
        assertInstanceOf(Verdict.Pass.class, grader(FakeProber.of(s -> 200L)).grade(p, "yes"));
        assertInstanceOf(Verdict.Pass.class, grader(FakeProber.of(s -> 0L)).grade(p, "no"));
        assertEquals(Map.of(), Map.of());
    }
}
