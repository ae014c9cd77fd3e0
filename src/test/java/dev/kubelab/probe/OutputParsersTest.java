package dev.kubelab.probe;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OutputParsersTest {

    @Test
    void getentHostsListsAddresses() {
        assertEquals(List.of("10.96.37.201"), OutputParsers.getentHosts("10.96.37.201    garage.garage.svc.cluster.local\n"));
        assertEquals(List.of(), OutputParsers.getentHosts(""));
    }

    @Test
    void busyboxNslookupSkipsTheServerAddress() {
        String out = """
                Server:		10.96.0.10
                Address:	10.96.0.10:53

                Name:	garage.garage.svc.cluster.local
                Address: 10.96.37.201

                """;
        assertEquals(List.of("10.96.37.201"), OutputParsers.nslookup(out));
        assertEquals(List.of(), OutputParsers.nslookup("Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find garage.garage: NXDOMAIN\n"));
    }

    @Test
    void oldBusyboxNslookupFormat() {
        String out = "Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\n"
                + "Name:      garage.garage.svc.cluster.local\nAddress 1: 10.96.100.50 garage.garage.svc.cluster.local\n";
        assertEquals(List.of("10.96.100.50"), OutputParsers.nslookup(out));
    }

    @Test
    void httpStatusFromWgetOrCurl() {
        assertEquals(200, OutputParsers.httpStatus("Connecting to garage:3900 (10.96.1.2:3900)\n  HTTP/1.1 200 OK\n  Content-type: text/html\n"));
        assertEquals(404, OutputParsers.httpStatus("wget: server returned error: HTTP/1.1 404 Not Found"));
        assertEquals(0, OutputParsers.httpStatus("wget: bad address 'garage:3900'"));
    }

    @Test
    void resolvConfFields() {
        Map<String, Object> m = OutputParsers.resolvConf("""
                search trino.svc.cluster.local svc.cluster.local cluster.local
                nameserver 10.96.0.10
                options ndots:5
                """);
        assertEquals(List.of("10.96.0.10"), m.get("nameservers"));
        assertEquals(List.of("trino.svc.cluster.local", "svc.cluster.local", "cluster.local"), m.get("search"));
        assertEquals(5L, m.get("ndots"));
    }

    @Test
    void tcpUrlSplitsHostAndPort() {
        PodRef from = new PodRef("trino", null, "app=trino", null);
        ProbeSpec.TcpConnect t = OutputParsers.hostPort(new ProbeSpec.TcpConnect(from, "thrift://hive-metastore.database:9083", "", 3));
        assertEquals("hive-metastore.database", t.host());
        assertEquals("9083", t.port());
        assertEquals("80", OutputParsers.hostPort(new ProbeSpec.TcpConnect(from, "http://garage.garage/x", "", 3)).port());
    }

    @Test
    void aToolThatCouldNotRunIsNotTheAnswerNo() {
        assertEquals(java.util.Optional.of("ping: permission denied (are you root?)"),
                OutputParsers.toolFailure("PING garage (10.96.0.9): 56 data bytes\nping: permission denied (are you root?)\n"));
        assertTrue(OutputParsers.toolFailure("ping: socket: Operation not permitted").isPresent());
        // busybox 1.35's nc has no -z: "false" from it would be a tool failure graded as "cannot connect"
        assertEquals(java.util.Optional.of("nc: invalid option -- 'z'"),
                OutputParsers.toolFailure("nc: invalid option -- 'z'\nBusyBox v1.35.0 multi-call binary.\n\nUsage: nc [-iN] [-wN] [-l]\n"));
        assertTrue(OutputParsers.toolFailure("wget: unrecognized option '--spider-x'").isPresent());
        // the network answering "no" is an answer
        assertTrue(OutputParsers.toolFailure("1 packets transmitted, 0 packets received, 100% packet loss").isEmpty());
        assertTrue(OutputParsers.toolFailure("wget: can't connect to remote host (10.96.0.9): Connection refused").isEmpty());
        assertTrue(OutputParsers.toolFailure("wget: bad address 'garage'").isEmpty());
        assertTrue(OutputParsers.toolFailure(null).isEmpty());
    }

    @Test
    void digSearchListsEachNameAskedWithItsStatus() {
        // dig 9.18 +search +showsearch +noall +comments +question, from a pod in namespace trino (ndots:5)
        String out = """
                ;; Got answer:
                ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 56130
                ;; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1
                ;garage.garage.svc.cluster.local.trino.svc.cluster.local. IN A
                ;; Got answer:
                ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 19636
                ;garage.garage.svc.cluster.local.svc.cluster.local.	IN A
                ;; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 60786
                ;garage.garage.svc.cluster.local.cluster.local. IN A
                ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 63503
                ;; OPT PSEUDOSECTION:
                ;garage.garage.svc.cluster.local. IN A
                """;
        assertEquals(List.of("garage.garage.svc.cluster.local.trino.svc.cluster.local. NXDOMAIN",
                "garage.garage.svc.cluster.local.svc.cluster.local. NXDOMAIN", "garage.garage.svc.cluster.local.cluster.local. NXDOMAIN",
                "garage.garage.svc.cluster.local. NOERROR"), OutputParsers.digQueries(out));
        assertEquals(List.of(), OutputParsers.digQueries("dig: couldn't get address for 'x': not found\n"));
    }

    @Test
    void bodiesAreTheDistinctFirstLinesInOrder() {
        String out = "web-a\n\n@@\nweb-b\n\n@@\nweb-a\n\n@@\n\n@@\nwget: can't connect\n@@\n";
        // the failed GET's stderr is not in stdout; an empty body adds nothing
        assertEquals(List.of("web-a", "web-b", "wget: can't connect"), OutputParsers.bodies(out));
        assertEquals(List.of(), OutputParsers.bodies(""));
    }
}
