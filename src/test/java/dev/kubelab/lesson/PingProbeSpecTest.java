package dev.kubelab.lesson;

import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PingProbeSpecTest {

    @Test
    void pingProbeReadsFromHostAndTimeout() throws Exception {
        Object raw = Map.of("ping", Map.of("from", Map.of("namespace", "trino", "selector", "app=trino"),
                "host", "${clusterIP}", "timeout", 2));
        assertEquals(new ProbeSpec.Ping(new PodRef("trino", null, "app=trino", null), "${clusterIP}", 2),
                SpecReader.probe(raw, "probe"));
        Object noTimeout = Map.of("ping", Map.of("from", Map.of("namespace", "garage", "pod", "garage-0"), "host", "x"));
        assertEquals(1, ((ProbeSpec.Ping) SpecReader.probe(noTimeout, "probe")).timeoutSeconds());
        assertThrows(Exception.class, () -> SpecReader.probe(Map.of("ping", Map.of("host", "x")), "probe"));
    }

    @Test
    void localHttpProbeDefaultsToOneRequestOfSlash() throws Exception {
        assertEquals(new ProbeSpec.LocalHttp("18300", "/", 1), SpecReader.probe(Map.of("localHttp", Map.of("port", 18300)), "probe"));
        assertEquals(new ProbeSpec.LocalHttp("18300", "/healthz", 6),
                SpecReader.probe(Map.of("localHttp", Map.of("port", "18300", "path", "healthz", "requests", 6)), "probe"));
    }

    @Test
    void localPortTakesAnAddress() throws Exception {
        assertEquals(new ProbeSpec.LocalPort("18300", "loopback"), SpecReader.probe(Map.of("localPort", Map.of("port", 18300)), "probe"));
        assertEquals(new ProbeSpec.LocalPort("18300", "lan"),
                SpecReader.probe(Map.of("localPort", Map.of("port", 18300, "address", "lan")), "probe"));
        assertThrows(Exception.class, () -> SpecReader.probe(Map.of("localPort", Map.of("port", 1, "address", "10.0.0.1")), "probe"));
    }
}
