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
    void explainIfShowsTheTextForTheLiveTruth() {
        PredictionSpec p = new PredictionSpec("p", "q?", AnswerKind.YESNO, List.of(),
                new ProbeSpec.Ping(TRINO, "10.96.0.1", 1), null, null, "iptables: no reply.", 1,
                Map.of("yes", "IPVS: the node answers."));
        Verdict.Pass ipvs = assertInstanceOf(Verdict.Pass.class, grader(FakeProber.of(s -> true)).grade(p, "yes"));
        assertEquals("Correct: yes. IPVS: the node answers.", ipvs.summary());
        Verdict.Fail iptables = assertInstanceOf(Verdict.Fail.class, grader(FakeProber.of(s -> false)).grade(p, "yes"));
        assertEquals("you said yes; the cluster says no. iptables: no reply.", iptables.reason());
        assertTrue(p.truthOnSomeClusters(" YES "));
        assertTrue(!p.truthOnSomeClusters("no"));
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
        PredictionSpec p = predict(AnswerKind.HOST, new ProbeSpec.DnsLookup(TRINO, "10.244.0.7", Resolver.GETENT), List.of());
        FakeProber live = FakeProber.of(s -> "garage-0.garage-headless.garage.svc.cluster.local");
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "GARAGE-0.garage-headless.garage.svc.cluster.local."));
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "garage-0.garage-headless.garage.svc.cluster.local"));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "garage-1.garage-headless.garage.svc.cluster.local"));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "garage-0"));
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
        assertInstanceOf(Verdict.Fail.class, grader(FakeProber.of(s -> 0L)).grade(p, "yes"));
        assertInstanceOf(Verdict.Fail.class, grader(FakeProber.of(s -> 200L)).grade(p, "no"));
    }

    @Test
    void oneWordOfAMultiWordTruthIsNotTheAnswer() {
        PredictionSpec p = predict(AnswerKind.TEXT, new ProbeSpec.ServiceField("garage", "garage", "metadata.annotations.owner"),
                List.of());
        FakeProber live = FakeProber.of(s -> "data platform");
        assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, "Data Platform"));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "data"));
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "platform"));
        // a list truth: any one item is right, a part of an item is not
        FakeProber list = FakeProber.of(s -> List.of("garage-0.garage-headless", "garage-1.garage-headless"));
        assertInstanceOf(Verdict.Pass.class, grader(list).grade(p, "garage-1.garage-headless"));
        assertInstanceOf(Verdict.Fail.class, grader(list).grade(p, "garage-0"));
    }

    @Test
    void aChoiceIsRightWhenItIsOneOfAListValuedTruth() {
        PredictionSpec p = predict(AnswerKind.CHOICE, new ProbeSpec.ServiceField("garage", "garage", "spec.ipFamilies"),
                List.of("IPv4", "IPv6", "none"));
        FakeProber dual = FakeProber.of(s -> List.of("IPv4", "IPv6"));
        assertInstanceOf(Verdict.Pass.class, grader(dual).grade(p, "IPv6"));
        assertInstanceOf(Verdict.Pass.class, grader(dual).grade(p, "a"));
        assertInstanceOf(Verdict.Fail.class, grader(dual).grade(p, "none"));
    }

    @Test
    void ipv6AnswersInEveryWrittenForm() {
        PredictionSpec p = predict(AnswerKind.IP, new ProbeSpec.DnsLookup(TRINO, "garage.garage", Resolver.GETENT), List.of());
        FakeProber live = FakeProber.of(s -> List.of("fd00:10:96::1"));
        for (String right : List.of("fd00:10:96::1", "[fd00:10:96::1]", "FD00:10:96:0:0:0:0:1", "fd00:0010:0096::0001")) {
            assertTrue(Grader.invalid(p, right).isEmpty(), right);
            assertInstanceOf(Verdict.Pass.class, grader(live).grade(p, right), right);
        }
        assertInstanceOf(Verdict.Fail.class, grader(live).grade(p, "fd00:10:96::2"));
        assertTrue(Grader.invalid(p, "fd00:zz::1").isPresent());
        assertTrue(Grader.invalid(p, "[::1").isPresent());
    }
}
