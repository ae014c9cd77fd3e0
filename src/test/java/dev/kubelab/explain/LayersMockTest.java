package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Service, endpoints and policy layers read from the mock API server: they read objects only, no exec. */
@EnableKubernetesMockClient(crud = true)
class LayersMockTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final Pod CLIENT = new PodBuilder().withNewMetadata().withNamespace("client-ns").withName("client-0")
            .addToLabels("app", "client").endMetadata().withNewSpec().addNewContainer().withName("c").endContainer().endSpec()
            .withNewStatus().withPhase("Running").withPodIP("10.244.1.5").endStatus().build();

    private Scene scene(String to) {
        return new Scene(client, Destination.parse(to), CLIENT);
    }

    private static Pod pod(String name, String phase, boolean ready, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace("ns").withName(name).withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withNewReadinessProbe().withNewHttpGet().withPath("/healthz")
                .withPort(new IntOrString("http")).endHttpGet().endReadinessProbe()
                .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec()
                .withNewStatus().withPhase(phase).withPodIP("10.244.2." + (name.hashCode() & 0x7f))
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .withMessage(ready ? null : "containers with unready status: [web]").endCondition().endStatus().build();
    }

    private Pod create(Pod p) {
        return client.pods().inNamespace("ns").resource(p).create();
    }

    private Service service(String clusterIp, Map<String, String> selector, IntOrString target) {
        Service svc = new ServiceBuilder().withNewMetadata().withNamespace("ns").withName("web").endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp).withSelector(selector)
                .addNewPort().withName("http").withPort(80).withProtocol("TCP").withTargetPort(target).endPort().endSpec().build();
        return client.services().inNamespace("ns").resource(svc).create();
    }

    private static void forbid(KubernetesMockServer server, String path) {
        server.expect().get().withPath(path).andReturn(403, new StatusBuilder().withStatus("Failure").withReason("Forbidden")
                .withCode(403).withMessage("forbidden").build()).always();
    }

    // ServiceLayer

    @Test
    void theServiceTheNameAnsweredAsMapsThePort() {
        service("10.96.0.50", Map.of("app", "web"), new IntOrString(8080));
        Scene s = scene("web.ns:80");
        s.named = new ServiceName("web", "ns", null);
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.OK, f.status());
        assertEquals("Service ns/web (ClusterIP 10.96.0.50) sends port 80 to targetPort 8080 on pods app=web", f.summary());
        assertEquals(List.of("type ClusterIP, clusterIP 10.96.0.50, ports 80/TCP->8080 (http), selector app=web"), f.evidence());
        assertEquals("web", s.service.getMetadata().getName());
        assertEquals(80, s.servicePort.getPort());
        assertEquals(8080, s.targetPort);
    }

    @Test
    void aNamedTargetPortIsLeftToTheEndpoints() {
        service("10.96.0.50", Map.of("app", "web"), new IntOrString("http"));
        Scene s = scene("web.ns:80");
        s.named = new ServiceName("web", "ns", null);
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.summary().contains("to targetPort http"), f.summary());
        assertEquals(0, s.targetPort);
    }

    @Test
    void aPortTheServiceDoesNotHave() {
        service("10.96.0.50", Map.of("app", "web"), new IntOrString(8080));
        Scene s = scene("web.ns:8080");
        s.named = new ServiceName("web", "ns", null);
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.BROKEN, f.status());
        assertEquals("Service ns/web has no port 8080; its ports are 80/TCP->8080 (http)", f.summary());
        assertNull(s.servicePort);
        assertEquals(0, s.targetPort);
    }

    @Test
    void aHeadlessServiceKeepsThePort() {
        service("None", Map.of("app", "web"), new IntOrString(8080));
        Scene s = scene("web-0.web.ns:9000");
        s.named = new ServiceName("web", "ns", "web-0");
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.OK, f.status());
        assertTrue(f.summary().startsWith("headless Service ns/web"), f.summary());
        assertEquals(9000, s.targetPort);
    }

    @Test
    void aNameWithoutItsService() {
        Scene s = scene("web.ns:80");
        s.named = new ServiceName("web", "ns", null);
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.UNKNOWN, f.status());
        assertEquals("Service ns/web answered in DNS but cannot be found", f.summary());
    }

    @Test
    void anUnresolvedNameIsNotReached() {
        Scene s = scene("web.ns:80");
        s.nameUnresolved = true;
        assertEquals(Finding.Status.SKIPPED, new ServiceLayer().examine(s).status());
    }

    @Test
    void aForbiddenServiceIsUnknown() {
        forbid(server, "/api/v1/namespaces/ns/services/web");
        Scene s = scene("web.ns:80");
        s.named = new ServiceName("web", "ns", null);
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.UNKNOWN, f.status());
        assertEquals("cannot read Service ns/web: your account is not allowed to", f.summary());
    }

    @Test
    void aClusterIpIsFoundAmongAllServices() {
        service("10.96.0.50", Map.of("app", "web"), new IntOrString(8080));
        Scene s = scene("10.96.0.50:80");
        s.addresses = List.of("10.96.0.50");
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.OK, f.status(), f.summary());
        assertEquals("web", s.service.getMetadata().getName());
        assertEquals(8080, s.targetPort);
    }

    @Test
    void withoutClusterWideReadsOnlyTheClientsNamespaceIsSearched() {
        forbid(server, "/api/v1/services");
        client.services().inNamespace("client-ns").resource(new ServiceBuilder().withNewMetadata().withName("local")
                .endMetadata().withNewSpec().withClusterIP("10.96.0.60").addNewPort().withPort(80).endPort().endSpec().build()).create();
        Scene s = scene("10.96.0.60:80");
        s.addresses = List.of("10.96.0.60");
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.OK, f.status(), f.summary());
        assertEquals("local", s.service.getMetadata().getName());
        assertEquals(80, s.targetPort, "no targetPort: the port itself");
    }

    @Test
    void aPodIpHasNoServiceInBetween() {
        Pod target = pod("web-0", "Running", true, Map.of("app", "web"));
        server.expect().get().withPath("/api/v1/pods?fieldSelector=status.podIP%3D10.244.2.9")
                .andReturn(200, new PodListBuilder().addToItems(target).build()).always();
        Scene s = scene("10.244.2.9:8080");
        s.addresses = List.of("10.244.2.9");
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.SKIPPED, f.status(), f.summary());
        assertEquals("10.244.2.9 is the IP of pod ns/web-0: no Service in between", f.summary());
        assertEquals(List.of("web-0"), s.targetPods.stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(8080, s.targetPort);
    }

    @Test
    void anAddressOutsideTheCluster() {
        Scene s = scene("192.0.2.1:443");
        s.addresses = List.of("192.0.2.1");
        Finding f = new ServiceLayer().examine(s);
        assertEquals(Finding.Status.UNKNOWN, f.status());
        assertTrue(f.summary().startsWith("192.0.2.1 is neither a ClusterIP nor a pod IP"), f.summary());
    }

    // EndpointsLayer

    private Scene sceneWithService(Service svc) {
        Scene s = scene("web.ns:80");
        s.service = svc;
        s.servicePort = svc.getSpec().getPorts().get(0);
        return s;
    }

    @Test
    void readyAndNotReadyEndpoints() {
        Service svc = service("10.96.0.50", Map.of("app", "web"), new IntOrString("http"));
        create(pod("web-0", "Running", true, Map.of("app", "web")));
        create(pod("web-1", "Running", false, Map.of("app", "web")));
        client.discovery().v1().endpointSlices().inNamespace("ns").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("web-abc").addToLabels("kubernetes.io/service-name", "web").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withPort(8080).endPort()
                .addNewEndpoint().withAddresses("10.244.2.10").withNewTargetRef().withName("web-0").endTargetRef()
                .withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.244.2.11").withNewTargetRef().withName("web-1").endTargetRef()
                .withNewConditions().withReady(false).endConditions().endEndpoint().build()).create();
        Scene s = sceneWithService(svc);
        Finding f = new EndpointsLayer().examine(s);
        assertEquals(Finding.Status.WARNING, f.status());
        assertEquals("1 ready endpoint(s): 10.244.2.10:8080 (web-0); 1 not ready (left out): 10.244.2.11:8080 (web-1)", f.summary());
        assertEquals(List.of("web-0"), s.targetPods.stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(8080, s.targetPort, "the named targetPort as the slice resolved it");
    }

    @Test
    void aSelectorMatchingNoPodNamesTheNearest() {
        Service svc = service("10.96.0.50", Map.of("app", "web-v2"), new IntOrString(8080));
        create(pod("web-0", "Running", true, Map.of("app", "web")));
        create(pod("db-0", "Running", true, Map.of("tier", "db")));
        Finding f = new EndpointsLayer().examine(sceneWithService(svc));
        assertEquals(Finding.Status.BROKEN, f.status());
        assertEquals("the selector app=web-v2 matches no pod in ns; nearest: pod web-0 has app=web (the selector wants app=web-v2)",
                f.summary());
        assertEquals("make the Service's selector match the pods' labels", f.fixKind());
        assertEquals(List.of("0 EndpointSlice(s): ready (none)",
                "pod web-0 has app=web: has app=web (the selector wants app=web-v2)"), f.evidence());
    }

    @Test
    void matchingPodsThatAreNotReady() {
        Service svc = service("10.96.0.50", Map.of("app", "web"), new IntOrString("http"));
        create(pod("web-0", "Running", false, Map.of("app", "web")));
        Scene s = sceneWithService(svc);
        Finding f = new EndpointsLayer().examine(s);
        assertEquals(Finding.Status.BROKEN, f.status());
        assertEquals("1 pod(s) match app=web but none is Ready, so the Service has no endpoint: web-0: its readiness probe is failing "
                + "(containers with unready status: [web])", f.summary());
        assertEquals(List.of("web-0"), s.targetPods.stream().map(p -> p.getMetadata().getName()).toList());
        assertEquals(8080, s.targetPort, "the named targetPort resolved on the running pods");
    }

    @Test
    void aServiceWithoutSelectorOrEndpoints() {
        Service svc = service("10.96.0.50", null, new IntOrString(8080));
        Finding f = new EndpointsLayer().examine(sceneWithService(svc));
        assertEquals(Finding.Status.BROKEN, f.status());
        assertEquals("the Service has no selector and no ready endpoint written for it", f.summary());
    }

    @Test
    void noServiceNoEndpoints() {
        Scene s = scene("10.244.2.9:8080");
        assertEquals("no Service in the way", new EndpointsLayer().examine(s).summary());
        s.nameUnresolved = true;
        Finding f = new EndpointsLayer().examine(s);
        assertEquals(Finding.Status.SKIPPED, f.status());
        assertEquals("not reached: the name does not resolve", f.summary());
    }

    // PolicyLayer

    private Scene sceneToPod() {
        Scene s = scene("web.ns:80");
        s.targetPods.add(create(pod("web-0", "Running", true, Map.of("app", "web"))));
        s.targetPort = 8080;
        return s;
    }

    @Test
    void noPoliciesAdmit() {
        Finding f = new PolicyLayer().examine(sceneToPod());
        assertEquals(Finding.Status.OK, f.status(), f.summary() + " " + f.evidence());
    }

    @Test
    void aDefaultDenyOnTheTargetIsBrokenWithTheIngressFix() {
        client.network().v1().networkPolicies().inNamespace("ns").resource(new NetworkPolicyBuilder().withNewMetadata()
                .withName("default-deny").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .withPolicyTypes("Ingress").endSpec().build()).create();
        Finding f = new PolicyLayer().examine(sceneToPod());
        assertEquals(Finding.Status.BROKEN, f.status(), f.summary());
        assertTrue(f.evidence().stream().anyMatch(e -> e.startsWith("ingress: ")), f.evidence().toString());
        assertTrue(f.fixKind().startsWith("add an ingress rule") && f.fixKind().endsWith("on port 8080"), f.fixKind());
    }

    @Test
    void aDenyAllEgressOnTheClientIsBrokenWithTheEgressFix() {
        client.network().v1().networkPolicies().inNamespace("client-ns").resource(new NetworkPolicyBuilder().withNewMetadata()
                .withName("deny-egress").endMetadata().withNewSpec().withNewPodSelector().endPodSelector()
                .withPolicyTypes("Egress").endSpec().build()).create();
        Finding f = new PolicyLayer().examine(sceneToPod());
        assertEquals(Finding.Status.BROKEN, f.status(), f.summary());
        assertTrue(f.fixKind().startsWith("let an egress rule"), f.fixKind());
    }

    @Test
    void withoutATargetPortThereIsNothingToJudge() {
        Scene s = sceneToPod();
        s.targetPort = 0;
        Finding f = new PolicyLayer().examine(s);
        assertEquals(Finding.Status.SKIPPED, f.status());
        assertSame(Layer.POLICY, f.layer());
    }
}
