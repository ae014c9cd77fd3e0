package dev.kubelab.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A port-forward is recognised (and run in the background) wherever the namespace flag stands. */
class CommandVerbTest {

    @Test
    void verbSkipsGlobalFlagsAndTheirValues() {
        assertEquals("port-forward", CommandRunner.verb(List.of("port-forward", "svc/web", "18300:80")));
        assertEquals("port-forward", CommandRunner.verb(List.of("-n", "dagster", "port-forward", "svc/web", "18300:80")));
        assertEquals("port-forward", CommandRunner.verb(List.of("--namespace", "dagster", "port-forward", "svc/web", "18300:80")));
        assertEquals("port-forward", CommandRunner.verb(List.of("--namespace=dagster", "--context", "kind-x", "port-forward", "pod/p", "1:2")));
        assertEquals("get", CommandRunner.verb(List.of("-n", "port-forward", "get", "pods")));
        assertNull(CommandRunner.verb(List.of("-n", "dagster")));
    }
}
