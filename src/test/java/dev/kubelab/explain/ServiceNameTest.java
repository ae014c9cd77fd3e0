package dev.kubelab.explain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ServiceNameTest {

    @Test
    void aServiceName() {
        ServiceName n = ServiceName.of("web.ns.svc.cluster.local.", "cluster.local");
        assertEquals(new ServiceName("web", "ns", null), n);
        assertEquals("Service ns/web", n.describe());
    }

    @Test
    void withoutTheTrailingDotToo() {
        assertEquals(new ServiceName("web", "ns", null), ServiceName.of("web.ns.svc.cluster.local", "cluster.local"));
    }

    @Test
    void onePodOfAHeadlessService() {
        ServiceName n = ServiceName.of("pod-0.web.ns.svc.cluster.local.", "cluster.local");
        assertEquals(new ServiceName("web", "ns", "pod-0"), n);
        assertEquals("pod pod-0 of Service ns/web", n.describe());
    }

    @Test
    void aNameWithoutANamespaceIsNoService() {
        assertNull(ServiceName.of("web.svc.cluster.local.", "cluster.local"));
        assertNull(ServiceName.of("a.b.web.ns.svc.cluster.local.", "cluster.local"));
    }

    @Test
    void theClusterDomainIsTheOneGiven() {
        assertEquals(new ServiceName("web", "ns", null), ServiceName.of("web.ns.svc.k8s.example.", "k8s.example"));
        assertNull(ServiceName.of("web.ns.svc.k8s.example.", "cluster.local"));
        assertNull(ServiceName.of("web.ns.svc.cluster.local.", "k8s.example"));
        assertNull(ServiceName.of("www.example.com.", "cluster.local"));
    }

    @Test
    void noDomainNoService() {
        assertNull(ServiceName.of("web.ns.svc.cluster.local.", null));
    }
}
