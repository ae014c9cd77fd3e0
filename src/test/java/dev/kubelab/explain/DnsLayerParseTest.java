package dev.kubelab.explain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lookup script's output (@@tool, then per name @@name, the tool's own output, @@rc) read back. */
class DnsLayerParseTest {

    @Test
    void getentAnswersAndMisses() {
        String out = """
                @@tool getent
                @@name garage.garage
                10.96.37.201    garage.garage.svc.cluster.local
                fd00:10:96::c9  garage.garage.svc.cluster.local
                @@rc 0
                @@name garage.garage.trino.svc.cluster.local.
                @@rc 2
                @@name garage.garage.svc.cluster.local.
                10.96.37.201    garage.garage.svc.cluster.local
                @@rc 0
                """;
        Map<String, DnsLayer.Lookup> m = DnsLayer.parse(out, "getent");
        assertEquals(List.of("garage.garage", "garage.garage.trino.svc.cluster.local.", "garage.garage.svc.cluster.local."),
                List.copyOf(m.keySet()), "in the order asked");
        assertEquals(new DnsLayer.Lookup(List.of("10.96.37.201", "fd00:10:96::c9"), false), m.get("garage.garage"));
        assertEquals(new DnsLayer.Lookup(List.of(), false), m.get("garage.garage.trino.svc.cluster.local."));
        assertEquals(new DnsLayer.Lookup(List.of("10.96.37.201"), false), m.get("garage.garage.svc.cluster.local."));
    }

    @Test
    void coreutilsTimeoutIsATimeoutWithNoAddress() {
        String out = """
                @@tool getent
                @@name garage
                @@rc 124
                """;
        DnsLayer.Lookup l = DnsLayer.parse(out, "getent").get("garage");
        assertTrue(l.timedOut());
        assertEquals(List.of(), l.addresses());
    }

    @Test
    void nslookupAnswerSkipsTheServersOwnAddress() {
        String out = """
                @@tool nslookup
                @@name web.ns
                Server:		10.96.0.10
                Address:	10.96.0.10:53

                Name:	web.ns.svc.cluster.local
                Address: 10.96.12.34

                @@rc 0
                @@name nope
                Server:		10.96.0.10
                Address:	10.96.0.10:53

                ** server can't find nope.ns.svc.cluster.local: NXDOMAIN

                @@rc 1
                """;
        Map<String, DnsLayer.Lookup> m = DnsLayer.parse(out, "nslookup");
        assertEquals(new DnsLayer.Lookup(List.of("10.96.12.34"), false), m.get("web.ns"));
        assertEquals(new DnsLayer.Lookup(List.of(), false), m.get("nope"), "the server's address is no answer");
    }

    @Test
    void busyboxTimeoutEndsWithTheSignal() {
        String out = """
                @@tool nslookup
                @@name garage
                Server:		10.96.0.10
                Address:	10.96.0.10:53

                ;; connection timed out; no servers could be reached

                @@rc 143
                """;
        DnsLayer.Lookup l = DnsLayer.parse(out, "nslookup").get("garage");
        assertTrue(l.timedOut());
        assertEquals(List.of(), l.addresses());
        assertTrue(DnsLayer.parse(out.replace("@@rc 143", "@@rc 137"), "nslookup").get("garage").timedOut(), "KILL too");
    }

    @Test
    void addressesPrintedBeforeATimeoutAreNotAnAnswer() {
        String out = """
                @@tool nslookup
                @@name garage
                Name:	garage.garage.svc.cluster.local
                Address: 10.96.37.201
                @@rc 124
                """;
        assertEquals(new DnsLayer.Lookup(List.of(), true), DnsLayer.parse(out, "nslookup").get("garage"));
    }

    @Test
    void aNameWhoseLookupNeverEndedIsAbsent() {
        // the exec's own timeout cut the script off before @@rc: that name has no answer either way
        String out = """
                @@tool getent
                @@name garage
                @@rc 2
                @@name garage.trino.svc.cluster.local.
                """;
        Map<String, DnsLayer.Lookup> m = DnsLayer.parse(out, "getent");
        assertEquals(1, m.size());
        assertFalse(m.containsKey("garage.trino.svc.cluster.local."));
    }

    @Test
    void bodiesDoNotLeakIntoTheNextName() {
        String out = """
                @@tool getent
                @@name a
                10.0.0.1 a.ns.svc.cluster.local
                @@rc 0
                @@name b
                @@rc 2
                """;
        assertEquals(List.of(), DnsLayer.parse(out, "getent").get("b").addresses());
    }
}
