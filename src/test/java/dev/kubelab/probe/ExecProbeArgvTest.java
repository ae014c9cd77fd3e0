package dev.kubelab.probe;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The argv the exec-based probes run inside a pod. */
class ExecProbeArgvTest {

    @Test
    void httpIsBoundedByTimeoutNotByWgetDashT() {
        // busybox 1.35 wget (Debian bookworm busybox-static) segfaults on -T: the bound must come from timeout(1).
        List<String> argv = LiveProbes.httpArgv("http://garage.garage:3900", 3);
        assertEquals(List.of("timeout", "3", "wget", "-S", "-O", "/dev/null", "http://garage.garage:3900"), argv);
        assertFalse(argv.contains("-T"));
    }

    @Test
    void whoAnsweredReadsTheBodyBoundedByTimeout() {
        List<String> argv = LiveProbes.bodyArgv("http://garage.garage:3900", 3);
        assertEquals(List.of("timeout", "3", "wget", "-q", "-O", "-", "http://garage.garage:3900"), argv);
        assertFalse(argv.contains("-T"));
        assertEquals("garage-0", OutputParsers.firstLine("\n  garage-0  \nmore\n"));
        assertEquals("", OutputParsers.firstLine(""));
    }

    @Test
    void pingSendsOneEchoWithAReplyDeadline() {
        assertEquals(List.of("ping", "-c", "1", "-W", "1", "10.96.0.10"), LiveProbes.pingArgv("10.96.0.10", 1));
    }

    @Test
    void pingRewritesTemplatesAndNamespacesAndRunsInItsPod() {
        ProbeSpec.Ping p = new ProbeSpec.Ping(new PodRef("trino", null, "app=trino", null), "${ip}", 2);
        ProbeSpec r = ProbeSpecs.rewrite(p, s -> s.replace("${ip}", "10.96.1.2"), ns -> "l01-" + ns);
        assertEquals(new ProbeSpec.Ping(new PodRef("l01-trino", null, "app=trino", null), "10.96.1.2", 2), r);
        assertEquals(p.from(), ProbeSpecs.podOf(p));
    }

    @Test
    void listLiteralsRenderEachElementAndDropBlankOnes() {
        ProbeSpec lit = new ProbeSpec.Literal(List.of("${before}", "${now}", 3900));
        ProbeSpec both = ProbeSpecs.rewrite(lit, s -> s.replace("${before}", "10.244.0.5").replace("${now}", "10.244.0.9"), ns -> ns);
        assertEquals(new ProbeSpec.Literal(List.of("10.244.0.5", "10.244.0.9", 3900)), both);
        ProbeSpec gone = ProbeSpecs.rewrite(lit, s -> s.replace("${before}", "10.244.0.5").replace("${now}", ""), ns -> ns);
        assertEquals(new ProbeSpec.Literal(List.of("10.244.0.5", 3900)), gone);
    }
}
