package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelDiffTest {

    private static Pod pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("ns").withLabels(labels).endMetadata().build();
    }

    private static final Pod WEB = pod("web-0", Map.of("app", "web", "tier", "front"));
    private static final Pod DB = pod("db-0", Map.of("app", "db"));
    private static final Pod OTHER = pod("other", Map.of("team", "data"));
    private static final Pod BARE = pod("bare", null);

    @Test
    void matches() {
        assertTrue(LabelDiff.matches(Map.of("app", "web"), WEB.getMetadata().getLabels()));
        assertTrue(LabelDiff.matches(Map.of("app", "web", "tier", "front"), WEB.getMetadata().getLabels()));
        assertFalse(LabelDiff.matches(Map.of("app", "web-v2"), WEB.getMetadata().getLabels()));
        assertFalse(LabelDiff.matches(Map.of("app", "web"), null));
        assertTrue(LabelDiff.matches(Map.of(), null), "an empty selector matches everything");
    }

    @Test
    void theNearestPodIsTheOneWithTheSameKey() {
        Map<String, String> selector = Map.of("app", "web-v2");
        assertEquals("; nearest: pod db-0 has app=db (the selector wants app=web-v2)",
                LabelDiff.closest(selector, List.of(OTHER, DB, BARE)), "only pods with the key are near");
        // web-0 and db-0 both have the key with another value: equal scores, so by name
        assertEquals("; nearest: pod db-0 has app=db (the selector wants app=web-v2)",
                LabelDiff.closest(selector, List.of(WEB, DB)));
    }

    @Test
    void aPodWithOneRightPairIsNearerThanOneWithAWrongValue() {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put("app", "web");
        selector.put("version", "v2");
        String closest = LabelDiff.closest(selector, List.of(DB, WEB));
        assertEquals("; nearest: pod web-0 has no label version (the selector wants version=v2)", closest);
    }

    @Test
    void nearMissesListTheLabelsAndWhatDiffers() {
        Map<String, String> selector = Map.of("app", "web-v2");
        assertEquals(List.of(
                        "pod db-0 has app=db: has app=db (the selector wants app=web-v2)",
                        "pod web-0 has app=web,tier=front: has app=web (the selector wants app=web-v2)"),
                LabelDiff.nearMisses(selector, List.of(WEB, OTHER, DB, BARE)));
    }

    @Test
    void atMostThreeNearMisses() {
        List<Pod> pods = List.of(pod("a", Map.of("app", "x")), pod("b", Map.of("app", "x")), pod("c", Map.of("app", "x")),
                pod("d", Map.of("app", "x")));
        assertEquals(3, LabelDiff.nearMisses(Map.of("app", "web"), pods).size());
    }

    @Test
    void noPodNearAtAll() {
        assertEquals("", LabelDiff.closest(Map.of("app", "web"), List.of(OTHER, BARE)));
        assertEquals("", LabelDiff.closest(Map.of("app", "web"), List.of()));
        assertEquals(List.of(), LabelDiff.nearMisses(Map.of("app", "web"), List.of(OTHER)));
    }
}
