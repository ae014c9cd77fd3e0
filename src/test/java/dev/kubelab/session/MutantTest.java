package dev.kubelab.session;

import dev.kubelab.check.CheckSpec;

import dev.kubelab.probe.Observation;
import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;
import dev.kubelab.probe.Resolver;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a passing check depends on, read from its evidence, and the generic mutants that break it. */
@EnableKubernetesMockClient(crud = true)
class MutantTest {

    KubernetesClient client;

    private static final List<String> SLICE = List.of("kv1-garage", "kv1-trino");
    private static final PodRef TRINO = new PodRef("kv1-trino", null, "app=trino", null);
    private static final Map<String, String> GARAGE = Map.of("app.kubernetes.io/name", "garage");

    @BeforeEach
    void garage() {
        client.services().inNamespace("kv1-garage").resource(new ServiceBuilder().withNewMetadata().withName("garage")
                .withNamespace("kv1-garage").endMetadata().withNewSpec().withClusterIP("10.96.7.7").withSelector(GARAGE)
                .addNewPort().withPort(3900).endPort().endSpec().build()).create();
        client.apps().statefulSets().inNamespace("kv1-garage").resource(new StatefulSetBuilder().withNewMetadata().withName("garage")
                .endMetadata().withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(GARAGE).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(GARAGE).endMetadata().endTemplate().endSpec().build()).create();
        client.pods().inNamespace("kv1-garage").resource(new PodBuilder().withNewMetadata().withName("garage-0").withLabels(GARAGE)
                .endMetadata().withNewStatus().withPodIP("10.244.0.9").endStatus().build()).create();
    }

    private static Observation seen(ProbeSpec p) {
        return new Observation(p, true, "test");
    }

    @Test
    void everyFormOfTheNameFindsTheServiceAndAConnectionMarksIt() {
        for (String host : List.of("garage.kv1-garage", "garage.kv1-garage.svc", "garage.kv1-garage.svc.cluster.local",
                "garage.kv1-garage.svc.cluster.local.", "10.96.7.7")) {
            MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, host, "3900", 3))), SLICE, client);
            assertEquals(List.of(new MutantTargets.Target("kv1-garage", "garage", GARAGE, true, false)), f.services(), host);
        }
        MutantTargets.Found url = MutantTargets.of(List.of(seen(new ProbeSpec.HttpGet(TRINO,
                "http://garage.kv1-garage.svc.cluster.local:3900/bucket/", 3))), SLICE, client);
        assertTrue(url.anyConnected());
    }

    @Test
    void aPodsNameUnderAHeadlessServiceFindsThatService() {
        client.services().inNamespace("kv1-garage").resource(new ServiceBuilder().withNewMetadata().withName("garage-headless")
                .withNamespace("kv1-garage").endMetadata().withNewSpec().withClusterIP("None").withSelector(GARAGE).endSpec().build()).create();
        PodRef inGarage = new PodRef("kv1-garage", "toolbox", null, null);
        for (String name : List.of("garage-0.garage-headless", "garage-0.garage-headless.kv1-garage.svc.cluster.local")) {
            MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.DnsLookup(inGarage, name, Resolver.GETENT))), SLICE, client);
            assertEquals("garage-headless", f.services().get(0).service(), name);
        }
    }

    @Test
    void aNameOnlyResolvedIsATargetForDeletionButNotForScaling() {
        MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.DnsLookup(TRINO, "garage.kv1-garage", Resolver.GETENT))),
                SLICE, client);
        assertEquals(1, f.services().size());
        assertFalse(f.anyConnected());
        assertTrue(Mutant.DELETE_SERVICE.applies(f, true));
        assertFalse(Mutant.SCALE_TO_ZERO.applies(f, true));
        assertFalse(Mutant.DENY_INGRESS.applies(f, true));
    }

    @Test
    void aPodIpIsAPodTargetAndOutsideTheSliceNothingIs() {
        MutantTargets.Found pod = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "10.244.0.9", "3900", 3))), SLICE, client);
        assertEquals("garage-0", pod.pods().get(0).pod());
        assertTrue(MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "kubernetes.default", "443", 3))), SLICE, client)
                .isEmpty(), "a Service outside the lesson's namespaces is never touched");
        assertTrue(MutantTargets.of(List.of(seen(new ProbeSpec.LocalPort("18300"))), SLICE, client).isEmpty());
    }

    @Test
    void mutantsBreakAndUndo() throws Exception {
        MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "garage.kv1-garage", "3900", 3))),
                SLICE, client);
        Mutant.Applied deny = Mutant.DENY_INGRESS.apply(client, f);
        var policy = client.network().v1().networkPolicies().inNamespace("kv1-garage").withName(Mutant.POLICY).get();
        assertEquals(GARAGE, policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        Mutant.DENY_INGRESS.undo(client, f, deny);
        assertNull(client.network().v1().networkPolicies().inNamespace("kv1-garage").withName(Mutant.POLICY).get());

        Mutant.Applied deleted = Mutant.DELETE_SERVICE.apply(client, f);
        assertNull(client.services().inNamespace("kv1-garage").withName("garage").get());
        Mutant.DELETE_SERVICE.undo(client, f, deleted);
        assertNotNull(client.services().inNamespace("kv1-garage").withName("garage").get());

        Mutant.Applied scaled = Mutant.SCALE_TO_ZERO.apply(client, f);
        assertEquals(0, client.apps().statefulSets().inNamespace("kv1-garage").withName("garage").get().getSpec().getReplicas());
        assertTrue(client.pods().inNamespace("kv1-garage").list().getItems().isEmpty());
        Mutant.SCALE_TO_ZERO.undo(client, f, scaled);
        assertEquals(1, client.apps().statefulSets().inNamespace("kv1-garage").withName("garage").get().getSpec().getReplicas());
    }

    @Test
    void recreatePodDeletesOnlyPodsAControllerBringsBack() throws Exception {
        // garage-0 owned by its StatefulSet; a bare pod with the same labels is no pod a controller recreates
        client.pods().inNamespace("kv1-garage").withName("garage-0").edit(p -> new PodBuilder(p).editMetadata()
                .addNewOwnerReference().withKind("StatefulSet").withName("garage").withApiVersion("apps/v1").withUid("u1")
                .withController(true).endOwnerReference().endMetadata().build());
        client.pods().inNamespace("kv1-garage").resource(new PodBuilder().withNewMetadata().withName("bare").withLabels(GARAGE)
                .endMetadata().build()).create();
        MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "garage.kv1-garage", "3900", 3))),
                SLICE, client);
        assertTrue(Mutant.RECREATE_POD.applies(f, false));
        assertTrue(Mutant.RECREATE_POD.equivalent());
        assertFalse(Mutant.SCALE_TO_ZERO.equivalent());
        Mutant.Applied recreated = Mutant.RECREATE_POD.apply(client, f);
        assertEquals(1, recreated.recreated());
        assertNull(client.pods().inNamespace("kv1-garage").withName("garage-0").get());
        assertNotNull(client.pods().inNamespace("kv1-garage").withName("bare").get());
        // nothing to undo: the StatefulSet is as it was
        Mutant.RECREATE_POD.undo(client, f, recreated);
        assertEquals(1, client.apps().statefulSets().inNamespace("kv1-garage").withName("garage").get().getSpec().getReplicas());
    }

    @Test
    void portAndSelectorMutantsEditTheServiceAndUndoRestoresIt() throws Exception {
        MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "garage.kv1-garage", "3900", 3))),
                SLICE, client);
        assertTrue(Mutant.CHANGE_PORT.applies(f, false) && Mutant.SELECTOR_MISMATCH.applies(f, false));
        var before = client.services().inNamespace("kv1-garage").withName("garage").get().getSpec();

        Mutant.Applied port = Mutant.CHANGE_PORT.apply(client, f);
        var changed = client.services().inNamespace("kv1-garage").withName("garage").get().getSpec();
        assertEquals(Mutant.UNUSED_PORT, changed.getPorts().get(0).getTargetPort().getIntVal());
        assertEquals(3900, changed.getPorts().get(0).getPort(), "the name and port the client uses stay as they were");
        assertEquals(GARAGE, changed.getSelector());
        Mutant.CHANGE_PORT.undo(client, f, port);
        assertEquals(before.getPorts(), client.services().inNamespace("kv1-garage").withName("garage").get().getSpec().getPorts());

        Mutant.Applied selector = Mutant.SELECTOR_MISMATCH.apply(client, f);
        Map<String, String> mismatched = client.services().inNamespace("kv1-garage").withName("garage").get().getSpec().getSelector();
        assertEquals("absent", mismatched.get(Mutant.ABSENT_LABEL));
        assertTrue(mismatched.entrySet().containsAll(GARAGE.entrySet()));
        Mutant.SELECTOR_MISMATCH.undo(client, f, selector);
        assertEquals(GARAGE, client.services().inNamespace("kv1-garage").withName("garage").get().getSpec().getSelector());
    }

    @Test
    void aHeadlessServiceGetsNoPortMutantAndANameOnlyResolvedGetsNeither() {
        client.services().inNamespace("kv1-garage").resource(new ServiceBuilder().withNewMetadata().withName("garage-hl")
                .withNamespace("kv1-garage").endMetadata().withNewSpec().withClusterIP("None").withSelector(GARAGE)
                .addNewPort().withPort(3900).endPort().endSpec().build()).create();
        MutantTargets.Found headless = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "garage-hl.kv1-garage", "3900", 3))),
                SLICE, client);
        assertFalse(Mutant.CHANGE_PORT.applies(headless, false), "clients of a headless Service connect to the pods' ports");
        assertTrue(Mutant.SELECTOR_MISMATCH.applies(headless, false));
        MutantTargets.Found resolved = MutantTargets.of(List.of(seen(new ProbeSpec.DnsLookup(TRINO, "garage.kv1-garage",
                dev.kubelab.probe.Resolver.GETENT))), SLICE, client);
        assertFalse(Mutant.CHANGE_PORT.applies(resolved, false) || Mutant.SELECTOR_MISMATCH.applies(resolved, false),
                "a ClusterIP name resolves whatever its port or selector");
    }

    @Test
    void theKindsALessonMayDeclareIrrelevantAreTheMutantsVerifyRuns() {
        assertEquals(CheckSpec.MUTANT_KINDS, java.util.Arrays.stream(Mutant.values()).map(Mutant::id).toList());
    }

    @Test
    void aDenyAllBesideAPolicyThatAllowsIsNoMutant() {
        MutantTargets.Found f = MutantTargets.of(List.of(seen(new ProbeSpec.TcpConnect(TRINO, "garage.kv1-garage", "3900", 3))),
                SLICE, client);
        assertFalse(Mutant.alreadyIsolated(client, f));
        client.network().v1().networkPolicies().inNamespace("kv1-garage").resource(
                new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder().withNewMetadata().withName("garage-ingress")
                        .endMetadata().withNewSpec().withNewPodSelector().withMatchLabels(GARAGE).endPodSelector()
                        .withPolicyTypes("Ingress").addNewIngress().endIngress().endSpec().build()).create();
        assertTrue(Mutant.alreadyIsolated(client, f), "policies only add allowances: a deny-all beside garage-ingress changes nothing");
    }
}
