package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PullProgressTest {

    @Test
    void layersFoldIntoOneBarThatMovesInSteps() {
        List<String> lines = new ArrayList<>();
        PullProgress p = new PullProgress("kindest/node:v1.34.0", lines::add);
        p.event("a", "Downloading", 0L, 100L << 20);
        p.event("b", "Downloading", 0L, 100L << 20);
        for (long mb = 1; mb <= 100; mb++) {
            p.event("a", "Downloading", mb << 20, 100L << 20);
        }
        assertEquals(50, p.percent());
        p.event("b", "Pull complete", null, null);
        assertEquals(100, p.percent());
        assertTrue(lines.size() >= 10 && lines.size() <= 13, lines.toString());
        assertEquals("pulling kindest/node:v1.34.0 [####################] 100% 200/200 MB", lines.get(lines.size() - 1));
    }
}
