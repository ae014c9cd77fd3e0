package dev.kubelab.probe;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read-only probes against fabric8's mock API server (CRUD mode: no pod IPs or exec of its own). */
@EnableKubernetesMockClient(crud = true)
class LiveProbesMockTest {

    KubernetesClient client;
    private LiveProbes probes;

    @BeforeEach
    void setUp() {
        probes = new LiveProbes(client, null, List::of);
        client.services().inNamespace("garage").resource(new ServiceBuilder().withNewMetadata().withName("garage").endMetadata()
                .withNewSpec().withClusterIP("10.96.37.201").withType("ClusterIP").addToSelector("app.kubernetes.io/name", "garage")
                .addNewPort().withPort(3900).withTargetPort(new IntOrString(3900)).endPort()
                .addNewPort().withPort(3902).withTargetPort(new IntOrString("admin")).endPort().endSpec().build()).create();
        pod("garage-0", "Running", "10.244.0.7");
        pod("garage-1", "Pending", null);
        client.discovery().v1().endpointSlices().inNamespace("garage").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("garage-abc").addToLabels("kubernetes.io/service-name", "garage").endMetadata()
                .withAddressType("IPv4")
                .addNewEndpoint().withAddresses("10.244.0.7").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.244.0.9").withNewConditions().withReady(false).endConditions().endEndpoint()
                .build()).create();
    }

    private void pod(String name, String phase, String ip) {
        Pod p = new PodBuilder().withNewMetadata().withName(name).addToLabels("app.kubernetes.io/name", "garage").endMetadata()
                .withNewStatus().withPhase(phase).withPodIP(ip).endStatus().build();
        client.pods().inNamespace("garage").resource(p).create();
    }

    @Test
    void serviceFields() throws ProbeException {
        assertEquals("10.96.37.201", probes.observe(new ProbeSpec.ServiceField("garage", "garage", "clusterIP")).value());
        assertEquals(List.of("3900", "3902"), probes.observe(new ProbeSpec.ServiceField("garage", "garage", "ports")).value());
        assertEquals(List.of("3900", "admin"), probes.observe(new ProbeSpec.ServiceField("garage", "garage", "targetPorts")).value());
        assertEquals(List.of("app.kubernetes.io/name=garage"),
                probes.observe(new ProbeSpec.ServiceField("garage", "garage", "selector")).value());
        Observation missing = probes.observe(new ProbeSpec.ServiceField("garage", "nope", "clusterIP"));
        assertEquals("", missing.value());
        assertTrue(missing.evidence().contains("does not exist"));
    }

    @Test
    void podIpsOnlyFromRunningPods() throws ProbeException {
        Observation o = probes.observe(new ProbeSpec.PodIps("garage", "app.kubernetes.io/name=garage"));
        assertEquals(List.of("10.244.0.7"), o.value());
    }

    @Test
    void endpointsOnlyReadyAddresses() throws ProbeException {
        Observation o = probes.observe(new ProbeSpec.EndpointAddresses("garage", "garage"));
        assertEquals(List.of("10.244.0.7"), o.value());
        assertEquals(List.of(), probes.observe(new ProbeSpec.EndpointAddresses("garage", "other")).value());
    }

    @Test
    void aMissingPodIsAnErrorThatSaysWhich() {
        ProbeException e = assertThrows(ProbeException.class, () -> probes.resolvePod(new PodRef("trino", null, "app=trino", null)));
        assertEquals(ProbeException.Kind.POD_MISSING, e.kind());
        assertEquals("no running pod matches app=trino in namespace trino", e.getMessage());
        ProbeException pending = assertThrows(ProbeException.class, () -> probes.resolvePod(new PodRef("garage", "garage-1", null, null)));
        assertTrue(pending.getMessage().contains("is not running (Pending)"));
    }

    @Test
    void historyProbeMatchesCommandsOfTheStep() throws ProbeException {
        LiveProbes withHistory = new LiveProbes(client, null, () -> List.of("kubectl get pods", "kubectl -n trino exec deploy/trino -- cat /etc/resolv.conf"));
        assertEquals(true, withHistory.observe(new ProbeSpec.CommandRan("resolv\\.conf")).value());
        assertEquals(false, withHistory.observe(new ProbeSpec.CommandRan("port-forward")).value());
    }
}
