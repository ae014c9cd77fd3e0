package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KindStarterTest {

    @Test
    void theNodeImageKubelabChecksIsTheOneKindcontainerStarts() {
        assertEquals(KindBackend.NODE_IMAGE, KindStarter.VERSION.toImageSpec().getImage().asCanonicalNameString()
                .replaceFirst("^docker\\.io/", ""));
    }
}
