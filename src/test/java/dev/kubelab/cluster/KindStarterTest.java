package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KindStarterTest {

    @Test
    void theNodeImageKubelabChecksIsTheOneKindcontainerStarts() {
        assertEquals(KindBackend.NODE_IMAGE, KindStarter.VERSION.toImageSpec().getImage().asCanonicalNameString()
                .replaceFirst("^docker\\.io/", ""));
    }

    @Test
    void dockerApiErrorsBecomeOneReadableLine() {
        RuntimeException e = new RuntimeException("wrapped", new IllegalStateException("Status 500: {\"message\":\"Get "
                + "\\\"https://registry-1.docker.io/v2/\\\": dial tcp: lookup registry-1.docker.io: no such host\"}\n"));
        assertEquals("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host (Docker API 500)",
                KindStarter.rootMessage(e));
        assertEquals("first line", KindStarter.rootMessage(new RuntimeException("first line\n  at x")));
    }
}
