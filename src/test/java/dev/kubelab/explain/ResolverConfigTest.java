package dev.kubelab.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ResolverConfigTest {

    /** A pod's /etc/resolv.conf as the kubelet writes it for dnsPolicy ClusterFirst. */
    private static final String KUBERNETES = """
            # written by the kubelet
            search trino.svc.cluster.local svc.cluster.local cluster.local
            nameserver 10.96.0.10
            options ndots:5
            """;

    private static final ResolverConfig RC = ResolverConfig.parse(KUBERNETES);

    @Test
    void parsesTheKubeletsFile() {
        assertEquals(List.of("10.96.0.10"), RC.nameservers());
        assertEquals(List.of("trino.svc.cluster.local", "svc.cluster.local", "cluster.local"), RC.search());
        assertEquals(5, RC.ndots());
        assertEquals("nameserver 10.96.0.10; search trino.svc.cluster.local svc.cluster.local cluster.local; ndots:5", RC.describe());
    }

    @Test
    void withoutOptionsNdotsIsOne() {
        ResolverConfig rc = ResolverConfig.parse("nameserver 1.1.1.1\n");
        assertEquals(1, rc.ndots());
        assertEquals(List.of(), rc.search());
        assertEquals("nameserver 1.1.1.1; search (none); ndots:1", rc.describe());
    }

    static Stream<Arguments> candidates() {
        return Stream.of(
                Arguments.of("garage", List.of("garage.trino.svc.cluster.local.", "garage.svc.cluster.local.",
                        "garage.cluster.local.", "garage.")),
                // one dot < ndots 5: the search list still comes first (garage.garage.trino.svc... is asked first)
                Arguments.of("garage.garage", List.of("garage.garage.trino.svc.cluster.local.", "garage.garage.svc.cluster.local.",
                        "garage.garage.cluster.local.", "garage.garage.")),
                // four dots < 5: even the full service name is tried with each search domain before as itself
                Arguments.of("garage.garage.svc.cluster.local", List.of(
                        "garage.garage.svc.cluster.local.trino.svc.cluster.local.",
                        "garage.garage.svc.cluster.local.svc.cluster.local.",
                        "garage.garage.svc.cluster.local.cluster.local.",
                        "garage.garage.svc.cluster.local.")),
                // five dots = ndots: as itself first
                Arguments.of("a.b.c.d.e.f", List.of("a.b.c.d.e.f.", "a.b.c.d.e.f.trino.svc.cluster.local.",
                        "a.b.c.d.e.f.svc.cluster.local.", "a.b.c.d.e.f.cluster.local.")),
                // absolute: nothing else is asked
                Arguments.of("garage.garage.svc.cluster.local.", List.of("garage.garage.svc.cluster.local.")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("candidates")
    void candidatesInTheOrderTheResolverAsks(String name, List<String> expected) {
        assertEquals(expected, RC.candidates(name));
    }

    @Test
    void searchDomainsWrittenWithATrailingDotGiveOneDot() {
        ResolverConfig rc = new ResolverConfig(List.of("10.96.0.10"), List.of("svc.cluster.local."), 1);
        assertEquals(List.of("web.svc.cluster.local.", "web."), rc.candidates("web"));
        assertEquals(List.of("web.ns.", "web.ns.svc.cluster.local."), rc.candidates("web.ns"));
    }

    static Stream<Arguments> clusterDomains() {
        return Stream.of(
                Arguments.of(List.of("trino.svc.cluster.local", "svc.cluster.local", "cluster.local"), "cluster.local"),
                Arguments.of(List.of("ns.svc.k8s.example", "svc.k8s.example", "k8s.example"), "k8s.example"),
                Arguments.of(List.of("svc.cluster.local."), "cluster.local"),
                Arguments.of(List.of("example.com", "corp.example.com"), null),
                Arguments.of(List.of(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clusterDomains")
    void clusterDomainComesFromTheSearchList(List<String> search, String domain) {
        ResolverConfig rc = new ResolverConfig(List.of("10.96.0.10"), search, 5);
        if (domain == null) {
            assertNull(rc.clusterDomain());
        } else {
            assertEquals(domain, rc.clusterDomain());
        }
    }
}
