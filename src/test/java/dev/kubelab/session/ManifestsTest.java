package dev.kubelab.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestsTest {

    private static final String POLICY = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: garage-ingress
              namespace: garage
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: trino
                - namespaceSelector:
                    matchExpressions:
                    - {key: kubernetes.io/metadata.name, operator: In, values: [airbyte]}
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: toolbox
            spec:
              containers:
              - {name: c, image: '${image:busybox}'}
            """;

    @Test
    void sharedClusterMapsNamespacesStructurallyAndLabelsEverything() {
        NamespaceMap ns = new NamespaceMap("l07", List.of("garage", "trino", "airbyte"));
        Manifests.Rendered r = Manifests.render(POLICY, "netpol", ns, "l07-garage",
                k -> k.equals("image:busybox") ? "kubelab.local/busybox:1.35.0" : null);
        String y = r.yaml();
        assertTrue(y.contains("namespace: l07-garage"), y);
        assertTrue(y.contains("kubernetes.io/metadata.name: l07-trino"), y);
        assertTrue(y.contains("- l07-airbyte"), y);
        assertTrue(y.contains("image: kubelab.local/busybox:1.35.0"), y);
        assertEquals(2, y.split("app.kubernetes.io/managed-by: kubelab").length - 1);
        assertEquals(List.of(new Manifests.Workload("Pod", "l07-garage", "toolbox")), r.workloads());
    }

    @Test
    void privateClusterKeepsNames() {
        NamespaceMap ns = NamespaceMap.identity(List.of("garage", "trino"));
        String y = Manifests.render(POLICY, "netpol", ns, "garage", k -> null).yaml();
        assertTrue(y.contains("kubernetes.io/metadata.name: trino"));
        assertFalse(y.contains("l07"));
        assertEquals("kube-system", ns.physical("kube-system"));
    }
}
