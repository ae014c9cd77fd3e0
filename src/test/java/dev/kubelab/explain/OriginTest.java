package dev.kubelab.explain;

import dev.kubelab.probe.PodRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OriginTest {

    static Stream<Arguments> podForms() {
        // written, expected ref, expected deployment, describe()
        return Stream.of(
                Arguments.of("ns/web-0", new PodRef("ns", "web-0", null, null), null, "ns/web-0"),
                Arguments.of("ns/deploy/client", new PodRef("ns", null, null, null), "client", "ns/deploy/client"),
                Arguments.of("ns/deployment/client", new PodRef("ns", null, null, null), "client", "ns/deploy/client"),
                Arguments.of("ns/deployments/client", new PodRef("ns", null, null, null), "client", "ns/deploy/client"),
                Arguments.of("ns/pod/web-0", new PodRef("ns", "web-0", null, null), null, "ns/web-0"),
                Arguments.of("ns/po/web-0", new PodRef("ns", "web-0", null, null), null, "ns/web-0"),
                Arguments.of("ns/app=x", new PodRef("ns", null, "app=x", null), null, "ns/{app=x}"),
                Arguments.of("web-0", new PodRef("dflt", "web-0", null, null), null, "dflt/web-0"),
                Arguments.of("app=x", new PodRef("dflt", null, "app=x", null), null, "dflt/{app=x}"),
                // a selector key may carry a prefix with a slash
                Arguments.of("trino/app.kubernetes.io/name=trino", new PodRef("trino", null, "app.kubernetes.io/name=trino", null), null,
                        "trino/{app.kubernetes.io/name=trino}"),
                // without a namespace: no namespace name has a dot, so the prefix belongs to the key
                Arguments.of("app.kubernetes.io/name=trino", new PodRef("dflt", null, "app.kubernetes.io/name=trino", null), null,
                        "dflt/{app.kubernetes.io/name=trino}"),
                Arguments.of("ns/app=x,tier=front", new PodRef("ns", null, "app=x,tier=front", null), null, "ns/{app=x,tier=front}"),
                Arguments.of("  ns/web-0 ", new PodRef("ns", "web-0", null, null), null, "ns/web-0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("podForms")
    void podForms(String text, PodRef ref, String deployment, String describe) {
        Origin o = Origin.parse(text, "dflt");
        Origin.InPod p = assertInstanceOf(Origin.InPod.class, o);
        assertEquals(ref, p.ref());
        assertEquals(deployment, p.deployment());
        assertEquals(describe, o.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"local", "localhost", "this-machine"})
    void thisMachine(String text) {
        Origin o = Origin.parse(text, "dflt");
        assertInstanceOf(Origin.ThisMachine.class, o);
        assertEquals("this machine", o.describe());
    }

    static Stream<Arguments> wrongForms() {
        return Stream.of(
                Arguments.of("ns//x", "'ns//x' is not a source: write NAMESPACE/POD, NAMESPACE/deploy/NAME, NAMESPACE/LABEL=VALUE or local"),
                Arguments.of("ns/", "'ns/' is not a source: write NAMESPACE/POD, NAMESPACE/deploy/NAME, NAMESPACE/LABEL=VALUE or local"),
                Arguments.of("", "'' is not a source: write NAMESPACE/POD, NAMESPACE/deploy/NAME, NAMESPACE/LABEL=VALUE or local"),
                Arguments.of("a/b/c/d", "'a/b/c/d' is not a source: write NAMESPACE/POD, NAMESPACE/deploy/NAME or NAMESPACE/LABEL=VALUE"),
                Arguments.of("ns/svc/x", "'ns/svc/x': the middle part must be deploy or pod, not 'svc'"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("wrongForms")
    void rejects(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Origin.parse(text, "dflt"));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aSelectorNeedsItsEqualsSignToBeASelector() {
        Origin.InPod p = (Origin.InPod) Origin.parse("ns/app", "dflt");
        assertEquals("app", p.ref().pod());
        assertTrue(p.ref().selector() == null);
    }
}
