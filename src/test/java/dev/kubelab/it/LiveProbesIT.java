package dev.kubelab.it;

import dev.kubelab.cluster.LocalCluster;
import dev.kubelab.kube.PodExec;
import dev.kubelab.kube.ProcessResult;
import dev.kubelab.lesson.LessonParser;
import dev.kubelab.probe.LiveProbes;
import dev.kubelab.probe.Observation;
import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeException;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.Resolver;
import dev.kubelab.session.LessonRuntime;
import dev.kubelab.session.NamespaceMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Exec-based probes against the real cluster: only a real cluster has DNS, exec and connectivity. */
class LiveProbesIT {

    private static final PodRef CLIENT = new PodRef("kl-probe-b", "client", null, null);
    private static final PodRef BUSYBOX = new PodRef("kl-probe-b", null, "app=bb", null);
    private static LessonRuntime runtime;
    private static LiveProbes probes;

    @BeforeAll
    static void setUp() throws Exception {
        LocalCluster cluster = LiveCluster.require();
        LessonParser.Result r = new LessonParser().parse(LiveCluster.sourceRoot().resolve("src/test/resources/it/probes-lesson.md"));
        assertEquals(List.of(), r.problems());
        runtime = new LessonRuntime(r.lesson(), cluster, NamespaceMap.identity(r.lesson().namespaces()), LiveCluster.kubectl(cluster));
        runtime.setUp();
        probes = new LiveProbes(runtime.client(), runtime.kubectl(), List::of);
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (runtime != null) {
            runtime.tearDown();
            runtime.close();
        }
    }

    private static Object value(ProbeSpec spec) throws ProbeException {
        return probes.observe(spec).value();
    }

    /** The probe's value once it equals {@code want}, or its last value when {@code within} has passed. */
    private static Object eventually(ProbeSpec spec, Object want, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        Object v = value(spec);
        while (!want.equals(v) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            v = value(spec);
        }
        return v;
    }

    private static String clusterIp() throws ProbeException {
        return (String) value(new ProbeSpec.ServiceField("kl-probe-a", "web", "clusterIP"));
    }

    @Test
    void getentResolvesNamespaceQualifiedNamesToTheClusterIp() throws ProbeException {
        Observation o = probes.observe(new ProbeSpec.DnsLookup(CLIENT, "web.kl-probe-a", Resolver.GETENT));
        assertEquals(List.of(clusterIp()), o.value(), o.evidence());
        assertTrue(o.evidence().contains("getent hosts web.kl-probe-a"), o.evidence());
        assertEquals(List.of(clusterIp()), value(new ProbeSpec.DnsLookup(CLIENT, "web.kl-probe-a.svc.cluster.local", Resolver.GETENT)));
    }

    @Test
    void aShortNameDoesNotCrossNamespaces() throws ProbeException {
        assertEquals(List.of(), value(new ProbeSpec.DnsLookup(CLIENT, "web", Resolver.GETENT)));
    }

    @Test
    void busyboxNslookupDoesNotSearchDottedNamesButFindsTheFqdn() throws ProbeException {
        assertEquals(List.of(), value(new ProbeSpec.DnsLookup(BUSYBOX, "web.kl-probe-a", Resolver.NSLOOKUP)));
        assertEquals(List.of(clusterIp()), value(new ProbeSpec.DnsLookup(BUSYBOX, "web.kl-probe-a.svc.cluster.local", Resolver.NSLOOKUP)));
    }

    @Test
    void headlessServiceResolvesToThePodIps() throws ProbeException {
        Object podIps = value(new ProbeSpec.PodIps("kl-probe-a", "app=web"));
        assertEquals(2, ((List<?>) podIps).size());
        List<?> resolved = (List<?>) value(new ProbeSpec.DnsLookup(CLIENT, "web-headless.kl-probe-a", Resolver.GETENT));
        assertEquals(new java.util.TreeSet<>((List<?>) podIps), new java.util.TreeSet<>(resolved));
        assertEquals(podIps, value(new ProbeSpec.EndpointAddresses("kl-probe-a", "web")));
    }

    @Test
    void tcpAndHttpFromAPod() throws Exception {
        // pods are Ready before kube-proxy has programmed the new Service (seen in CI when this test ran first):
        // the first connection may take a few seconds to become possible, as a lesson check's polling allows
        assertEquals(true, eventually(new ProbeSpec.TcpConnect(CLIENT, "web.kl-probe-a", "80", 3), true, Duration.ofSeconds(30)));
        assertEquals(false, value(new ProbeSpec.TcpConnect(CLIENT, "web.kl-probe-a", "81", 2)));
        assertEquals(200L, value(new ProbeSpec.HttpGet(CLIENT, "http://web.kl-probe-a", 3)));
    }

    @Test
    void httpToAServerThatNeverAnswersEndsWithinItsTimeout() throws ProbeException {
        long t = System.nanoTime();
        Observation o = probes.observe(new ProbeSpec.HttpGet(CLIENT, "http://web.kl-probe-a:9999", 2));
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertEquals(0L, o.value(), o.evidence());
        assertTrue(ms < 8000, "took " + ms + " ms");
    }

    @Test
    void theClusterDomainIsReadFromTheKubelet() {
        var reading = runtime.clusterDomain();
        assertEquals("cluster.local", reading.domain());
        assertTrue(reading.source().startsWith("the kubelet's configuration on node "), reading.source());
        assertEquals("web.kl-probe-a.svc.cluster.local", runtime.render("web.${ns:kl-probe-a}.svc.${cluster:domain}"));
    }

    @Test
    void resolvConfHasTheSearchPathAndNdots() throws ProbeException {
        assertEquals(5L, value(new ProbeSpec.ResolvConf(CLIENT, "ndots")));
        List<?> search = (List<?>) value(new ProbeSpec.ResolvConf(CLIENT, "search"));
        assertEquals("kl-probe-b.svc.cluster.local", search.get(0));
        Object dns = value(new ProbeSpec.ServiceField("kube-system", "kube-dns", "clusterIP"));
        assertEquals(List.of(dns), value(new ProbeSpec.ResolvConf(CLIENT, "nameservers")));
    }

    @Test
    void podIpsComeFromTheNodesPodCidr() throws ProbeException {
        List<?> cidrs = (List<?>) value(new ProbeSpec.PodCidrs());
        assertFalse(cidrs.isEmpty());
        for (Object ip : (List<?>) value(new ProbeSpec.PodIps("kl-probe-a", "app=web"))) {
            assertTrue(cidrs.stream().anyMatch(c -> dev.kubelab.check.Values.inCidr(String.valueOf(ip), String.valueOf(c))), ip + " in " + cidrs);
        }
    }

    @Test
    void execTimesOutAndReturns() throws Exception {
        long t = System.nanoTime();
        ProcessResult r = PodExec.exec(runtime.client(), "kl-probe-b", "client", null, Duration.ofSeconds(2), List.of("sleep", "30"));
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertTrue(r.timedOut());
        assertTrue(ms < 6000, "took " + ms + " ms");
    }

    @Test
    void aMissingToolIsAnErrorNotAnAnswer() {
        ProbeException e = assertThrows(ProbeException.class,
                () -> probes.observe(new ProbeSpec.DnsLookup(BUSYBOX, "web", Resolver.GETENT)));
        assertEquals(ProbeException.Kind.TOOL_MISSING, e.kind(), e.getMessage());
    }

    @Test
    void jsonPathAndExistence() throws ProbeException {
        assertEquals("8080", value(new ProbeSpec.JsonPathValue("service", "kl-probe-a", "web", "{.spec.ports[0].targetPort}")));
        assertEquals(true, value(new ProbeSpec.ObjectExists("service", "kl-probe-a", "web")));
        assertEquals(false, value(new ProbeSpec.ObjectExists("service", "kl-probe-a", "nope")));
        assertEquals("", value(new ProbeSpec.JsonPathValue("configmap", "kl-probe-a", "nope", "{.data}")));
    }
}
