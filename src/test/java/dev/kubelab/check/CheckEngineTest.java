package dev.kubelab.check;

import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeException;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.Resolver;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckEngineTest {

    private static final PodRef TRINO = new PodRef("trino", null, "app=trino", null);
    private static final ProbeSpec CLUSTER_IP = new ProbeSpec.ServiceField("garage", "garage", "clusterIP");

    private static CheckSpec dnsEqualsClusterIp(String name) {
        return new CheckSpec("c", "resolves to Garage", Map.of(), new ProbeSpec.DnsLookup(TRINO, name, Resolver.GETENT),
                new Expectation.Equals(CLUSTER_IP), "use name.namespace", 1);
    }

    private static CheckEngine engine(FakeProber prober) {
        return new CheckEngine(prober, key -> key.equals("ns:garage") ? "l07-garage" : null,
                ns -> ns.equals("garage") || ns.equals("trino") ? "l07-" + ns : ns);
    }

    @Test
    void passesWhenTheLiveValuesAgree() {
        FakeProber p = FakeProber.of(s -> s instanceof ProbeSpec.ServiceField ? "10.96.5.5" : List.of("10.96.5.5"));
        Verdict v = engine(p).evaluateOnce(dnsEqualsClusterIp("garage.${ns:garage}"));
        assertInstanceOf(Verdict.Pass.class, v);
        assertEquals(2, v.evidence().size());
        // templates and namespaces were mapped before probing
        ProbeSpec.DnsLookup asked = (ProbeSpec.DnsLookup) p.asked.get(0);
        assertEquals("garage.l07-garage", asked.name());
        assertEquals("l07-trino", asked.from().namespace());
        assertEquals("l07-garage", ((ProbeSpec.ServiceField) p.asked.get(1)).namespace());
    }

    @Test
    void aFailureIsMatchedToTheMistakeWhoseSignatureItShows() {
        ProbeSpec tcp = new ProbeSpec.TcpConnect(TRINO, "garage.${ns:garage}", "3900", 3);
        CheckSpec blocked = new CheckSpec("blocked", "dagster blocked", Map.of("dagster", tcp),
                new ProbeSpec.Literal("dagster connects: ${dagster}"), new Expectation.Matches("dagster connects: false$"), null, 1);
        Expectation stillIn = new Expectation.Matches("dagster connects: true$");
        Expectation nothing = new Expectation.Empty();
        Verdict in = engine(FakeProber.of(s -> true)).evaluateOnce(blocked);
        assertInstanceOf(Verdict.Fail.class, in);
        assertTrue(engine(FakeProber.of(s -> true)).failedShowing(blocked, in, stillIn), "the cluster shows the mistake's signature");
        assertFalse(engine(FakeProber.of(s -> true)).failedShowing(blocked, in, nothing), "judged on the main value, not on a let");
        Verdict out = engine(FakeProber.of(s -> false)).evaluateOnce(blocked);
        assertInstanceOf(Verdict.Pass.class, out);
        assertFalse(engine(FakeProber.of(s -> false)).failedShowing(blocked, out, stillIn), "a passing check shows no mistake");
    }

    @Test
    void failsWithTheObservedEvidenceAndHint() {
        FakeProber p = FakeProber.of(s -> s instanceof ProbeSpec.ServiceField ? "10.96.5.5" : List.of());
        Verdict v = engine(p).evaluateOnce(dnsEqualsClusterIp("garage"));
        Verdict.Fail f = assertInstanceOf(Verdict.Fail.class, v);
        assertEquals("saw (nothing), expected 10.96.5.5 — use name.namespace", f.reason());
    }

    @Test
    void aProbeThatCannotObserveIsAnErrorNotAFailure() {
        FakeProber p = new FakeProber(s -> {
            throw new ProbeException(ProbeException.Kind.POD_MISSING, "no running pod matches app=trino in namespace trino");
        });
        Verdict v = engine(p).evaluate(dnsEqualsClusterIp("garage"), Duration.ZERO);
        Verdict.Error e = assertInstanceOf(Verdict.Error.class, v);
        assertTrue(e.reason().contains("no running pod"));
    }

    @Test
    void pollsUntilTheStateHolds() {
        AtomicInteger calls = new AtomicInteger();
        FakeProber p = FakeProber.of(s -> calls.incrementAndGet() >= 3);
        CheckSpec c = new CheckSpec("c", "port-forward answers", Map.of(), new ProbeSpec.LocalPort("3900"),
                new Expectation.Equals(new ProbeSpec.Literal(true)), null, 1);
        assertInstanceOf(Verdict.Pass.class, engine(p).evaluate(c, Duration.ofSeconds(5)));
        assertEquals(3, calls.get());
    }

    @Test
    void letBindsValuesForLaterProbes() {
        FakeProber p = FakeProber.of(s -> s instanceof ProbeSpec.JsonPathValue ? "http://garage.garage:3900" : 200L);
        CheckSpec c = new CheckSpec("c", "endpoint answers",
                Map.of("endpoint", new ProbeSpec.JsonPathValue("configmap", "trino", "trino-catalog", "{.data.s3-endpoint}")),
                new ProbeSpec.HttpGet(TRINO, "${endpoint}", 3), new Expectation.NotEquals(new ProbeSpec.Literal(0)), null, 1);
        assertInstanceOf(Verdict.Pass.class, engine(p).evaluateOnce(c));
        assertEquals("http://garage.garage:3900", ((ProbeSpec.HttpGet) p.asked.get(1)).url());
        // no HTTP answer (0): the reason says what was wanted instead
        Verdict.Fail f = assertInstanceOf(Verdict.Fail.class,
                engine(FakeProber.of(s -> s instanceof ProbeSpec.JsonPathValue ? "http://garage:3900" : 0L)).evaluateOnce(c));
        assertTrue(f.reason().contains("saw 0, expected anything but 0"), f.reason());
    }

    @Test
    void aReferenceWithoutAValueIsNoAnswerNotAValue() {
        // "${uidBefore}" left as text differs from every UID: the check would pass on the literal
        CheckSpec c = new CheckSpec("c", "garage-0 is a new pod", Map.of(), new ProbeSpec.Literal(List.of("${uidBefore}", "uid-2")),
                new Expectation.Matches("^([^,]+),(?!\\1,)[^,]+$"), null, 1);
        Verdict.Error e = assertInstanceOf(Verdict.Error.class, engine(FakeProber.of(s -> List.of())).evaluateOnce(c));
        assertTrue(e.reason().contains("no value for ${uidBefore}"), e.reason());
    }

    @Test
    void inCidrAndMatches() {
        FakeProber p = FakeProber.of(s -> s instanceof ProbeSpec.PodCidrs ? List.of("10.244.0.0/24") : List.of("10.244.0.9"));
        CheckSpec in = new CheckSpec("c", "pod IP in pod CIDR", Map.of(), new ProbeSpec.PodIps("garage", "app=garage"),
                new Expectation.InCidr(new ProbeSpec.PodCidrs()), null, 1);
        assertInstanceOf(Verdict.Pass.class, engine(p).evaluateOnce(in));
        FakeProber outside = FakeProber.of(s -> s instanceof ProbeSpec.PodCidrs ? List.of("10.244.1.0/24") : List.of("10.244.0.9"));
        assertInstanceOf(Verdict.Fail.class, engine(outside).evaluateOnce(in));
        // a CNI that leaves spec.podCIDRs empty (Calico, Cilium, VPC CNIs): no answer, not "outside"
        FakeProber noCidrs = FakeProber.of(s -> s instanceof ProbeSpec.PodCidrs ? List.of() : List.of("10.244.0.9"));
        Verdict.Error e = assertInstanceOf(Verdict.Error.class, engine(noCidrs).evaluateOnce(in));
        assertTrue(e.reason().contains("no spec.podCIDRs"), e.reason());
    }

    @Test
    void anEmptyLiveValueOnTheRightIsNothingToCompareWith() {
        // garage-1 has no IP yet and the name resolves to nothing: that is not a match
        FakeProber p = FakeProber.of(s -> s instanceof ProbeSpec.JsonPathValue ? "" : List.of());
        CheckSpec c = new CheckSpec("c", "peer resolves to garage-1", Map.of(), new ProbeSpec.DnsLookup(TRINO, "x", Resolver.NSLOOKUP),
                new Expectation.Equals(new ProbeSpec.JsonPathValue("pod", "garage", "garage-1", "{.status.podIP}")), null, 1);
        Verdict.Fail f = assertInstanceOf(Verdict.Fail.class, engine(p).evaluateOnce(c));
        assertTrue(f.reason().startsWith("nothing to compare with yet"), f.reason());
        // an explicit empty literal is still a legitimate expectation
        CheckSpec literal = new CheckSpec("c", "no endpoints", Map.of(), new ProbeSpec.EndpointAddresses("garage", "x"),
                new Expectation.Equals(new ProbeSpec.Literal(List.of())), null, 1);
        assertInstanceOf(Verdict.Pass.class, engine(p).evaluateOnce(literal));
    }

    /** A prober whose every observation takes a while and that counts how many ran at the same time. */
    private static FakeProber slow(AtomicInteger running, AtomicInteger most, java.util.function.Function<ProbeSpec, Object> f) {
        return new FakeProber(s -> {
            int now = running.incrementAndGet();
            most.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new ProbeException(ProbeException.Kind.OTHER, "interrupted");
            } finally {
                running.decrementAndGet();
            }
            return f.apply(s);
        });
    }

    @Test
    void independentLetsAreObservedSideBySideAndADependentOneAfterTheValueItNeeds() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        FakeProber p = slow(running, most, s -> s instanceof ProbeSpec.ServiceField ? "10.96.5.5"
                : s instanceof ProbeSpec.TcpConnect t ? !t.host().equals("garage.l07-garage") : false);
        Map<String, ProbeSpec> lets = new java.util.LinkedHashMap<>();
        lets.put("ip", CLUSTER_IP);
        lets.put("allowed", new ProbeSpec.TcpConnect(TRINO, "garage.${ns:garage}", "3900", 3));
        lets.put("byIp", new ProbeSpec.TcpConnect(TRINO, "${ip}", "3900", 3));
        CheckSpec c = new CheckSpec("c", "d", lets, new ProbeSpec.Literal("${allowed}/${byIp}"),
                new Expectation.Matches("false/true"), null, 1);
        long start = System.nanoTime();
        Verdict v = engine(p).evaluateOnce(c);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(Verdict.Pass.class, v, v.toString());
        assertEquals(2, most.get(), "ip and allowed at once, byIp only after ip was bound");
        assertTrue(ms >= 600 && ms < 900, "two waves of 300 ms, took " + ms + " ms");
        ProbeSpec.TcpConnect byIp = (ProbeSpec.TcpConnect) p.asked.get(2);
        assertEquals("10.96.5.5", byIp.host());
        // evidence stays in the lesson's order whatever finished first
        assertEquals(List.of(CLUSTER_IP.getClass(), ProbeSpec.TcpConnect.class, ProbeSpec.TcpConnect.class),
                v.evidence().subList(0, 3).stream().map(o -> o.probe().getClass()).toList());
    }

    @Test
    void theFirstLetThatCannotObserveMakesTheCheckAnError() {
        FakeProber p = new FakeProber(s -> {
            if (s instanceof ProbeSpec.ServiceField) {
                throw new ProbeException(ProbeException.Kind.POD_MISSING, "no Service garage");
            }
            return true;
        });
        Map<String, ProbeSpec> lets = new java.util.LinkedHashMap<>();
        lets.put("allowed", new ProbeSpec.TcpConnect(TRINO, "garage", "3900", 3));
        lets.put("ip", CLUSTER_IP);
        CheckSpec c = new CheckSpec("c", "d", lets, new ProbeSpec.Literal("${allowed}"), new Expectation.Matches("true"), null, 1);
        Verdict.Error e = assertInstanceOf(Verdict.Error.class, engine(p).evaluateOnce(c));
        assertEquals("no Service garage", e.reason());
    }
}
