package dev.kubelab.session;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ClusterDomainTest {

    @Test
    void theDomainIsTheSvcSearchEntry() {
        assertEquals("cluster.local", ClusterDomain.fromResolvConf(
                "search trino.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"));
        assertEquals("k8s.example.org", ClusterDomain.fromResolvConf(
                "nameserver 169.254.20.10\nsearch garage.svc.k8s.example.org. svc.k8s.example.org. k8s.example.org. ec2.internal\n"));
    }

    @Test
    void noSvcEntryNoDomain() {
        // dnsPolicy: Default, or hostNetwork without ClusterFirstWithHostNet: the node's own resolv.conf
        assertNull(ClusterDomain.fromResolvConf("search ec2.internal\nnameserver 10.0.0.2\n"));
        assertNull(ClusterDomain.fromResolvConf("search svc.\n"));
        assertNull(ClusterDomain.fromResolvConf(""));
    }
}
