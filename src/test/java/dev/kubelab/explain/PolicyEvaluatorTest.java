package dev.kubelab.explain;

import dev.kubelab.explain.PolicyDecision.Outcome;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.kubelab.explain.PolicyDecision.Outcome.ALLOWED;
import static dev.kubelab.explain.PolicyDecision.Outcome.DENIED;
import static dev.kubelab.explain.PolicyDecision.Outcome.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyEvaluatorTest {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private static PolicyPeer pod(String ns, String name, String ip, Map<String, String> nsLabels,
                                  Map<String, String> labels, ContainerPort... ports) {
        return new PolicyPeer(ns, name, labels, nsLabels, ip, List.of(ports));
    }

    private static Map<String, String> nsName(String ns) {
        return Map.of("kubernetes.io/metadata.name", ns);
    }

    private static ContainerPort port(String name, int number, String protocol) {
        return new ContainerPortBuilder().withName(name).withContainerPort(number).withProtocol(protocol).build();
    }

    private static final PolicyPeer GARAGE = pod("garage", "garage-0", "10.244.1.10", nsName("garage"),
            Map.of("app", "garage"), port("s3-api", 3900, "TCP"), port("rpc", 3901, "TCP"));
    private static final Map<String, String> TRINO_NS = Map.of("kubernetes.io/metadata.name", "trino", "team", "data");
    private static final PolicyPeer TRINO = pod("trino", "coordinator-0", "10.244.2.20", TRINO_NS, Map.of("app", "trino"));
    private static final PolicyPeer TRINO_ETL = pod("trino", "etl-1", "10.244.2.21", TRINO_NS, Map.of("app", "etl"));
    private static final PolicyPeer TRINO_UNREADABLE = pod("trino", "coordinator-0", "10.244.2.20", null, Map.of("app", "trino"));
    private static final PolicyPeer DAGSTER = pod("dagster", "run-1", "10.244.3.30", nsName("dagster"), Map.of("app", "dagster"));
    private static final PolicyPeer COREDNS = pod("kube-system", "coredns-abc", "10.244.0.5", nsName("kube-system"),
            Map.of("k8s-app", "kube-dns"), port("dns", 53, "UDP"), port("dns-tcp", 53, "TCP"));

    private static NetworkPolicy policy(String yaml) {
        return YAML.unmarshal("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n" + yaml, NetworkPolicy.class);
    }

    private static final NetworkPolicy DEFAULT_DENY_INGRESS = policy("""
            metadata: {namespace: garage, name: default-deny}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """);
    private static final NetworkPolicy DENY_ALL_EGRESS = policy("""
            metadata: {namespace: dagster, name: deny-egress}
            spec: {podSelector: {}, policyTypes: [Egress]}
            """);
    private static final NetworkPolicy DNS_ONLY = policy("""
            metadata: {namespace: dagster, name: allow-dns}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress:
              - to:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
                  podSelector: {matchLabels: {k8s-app: kube-dns}}
                ports: [{protocol: UDP, port: 53}]
            """);
    private static final NetworkPolicy FROM_TEAM_LAKE = policy("""
            metadata: {namespace: garage, name: allow-lake}
            spec:
              podSelector: {matchLabels: {app: garage}}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: lake}}}]}]
            """);
    // one peer: both selectors must hold
    private static final NetworkPolicy AND_PEER = policy("""
            metadata: {namespace: garage, name: allow-and}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: data}}, podSelector: {matchLabels: {app: trino}}}]}]
            """);
    // two peers: either is enough (and the podSelector one looks only in garage)
    private static final NetworkPolicy OR_PEERS = policy("""
            metadata: {namespace: garage, name: allow-or}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: data}}}, {podSelector: {matchLabels: {app: trino}}}]}]
            """);
    private static final NetworkPolicy EGRESS_IP_V4 = policy("""
            metadata: {namespace: dagster, name: allow-partner}
            spec:
              podSelector: {matchLabels: {app: dagster}}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: 203.0.113.0/24, except: [203.0.113.0/28]}}, {ipBlock: {cidr: 10.0.0.0/12}}]}]
            """);
    private static final NetworkPolicy EGRESS_IP_V6 = policy("""
            metadata: {namespace: dagster, name: allow-v6}
            spec:
              podSelector: {}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: "2001:db8::/32", except: ["2001:db8:ff::/48"]}}]}]
            """);
    private static final NetworkPolicy EGRESS_TO_PODS = policy("""
            metadata: {namespace: dagster, name: egress-to-garage}
            spec:
              podSelector: {}
              egress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {app: garage}}}]}]
            """);
    private static final NetworkPolicy NAMED_PORT = policy("""
            metadata: {namespace: garage, name: allow-s3}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: s3-api}]}]
            """);
    private static final NetworkPolicy UNDECLARED_NAMED_PORT = policy("""
            metadata: {namespace: garage, name: allow-metrics}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: metrics}]}]
            """);
    private static final NetworkPolicy PORT_RANGE = policy("""
            metadata: {namespace: garage, name: allow-range}
            spec:
              podSelector: {}
              ingress: [{ports: [{port: 3900, endPort: 3910}]}]
            """);
    private static final NetworkPolicy DENY_IN_TRINO = policy("""
            metadata: {namespace: trino, name: default-deny}
            spec: {podSelector: {}, policyTypes: [Ingress]}
            """);
    private static final NetworkPolicy FROM_TEAM_DATA = policy("""
            metadata: {namespace: garage, name: allow-data}
            spec:
              podSelector: {}
              ingress: [{from: [{namespaceSelector: {matchLabels: {team: data}}}]}]
            """);
    private static final NetworkPolicy FROM_TRINO_IPS = policy("""
            metadata: {namespace: garage, name: allow-trino-ips}
            spec:
              podSelector: {}
              ingress: [{from: [{ipBlock: {cidr: 10.244.2.0/24}}]}]
            """);
    private static final NetworkPolicy FROM_DAGSTER = policy("""
            metadata: {namespace: garage, name: allow-dagster}
            spec:
              podSelector: {matchLabels: {app: garage}}
              ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: dagster}}}], ports: [{port: 3900}]}]
            """);
    private static final NetworkPolicy FROM_TRINO = policy("""
            metadata: {namespace: garage, name: allow-trino}
            spec:
              podSelector: {matchExpressions: [{key: app, operator: In, values: [garage, minio]}, {key: canary, operator: DoesNotExist}]}
              ingress:
              - from: [{podSelector: {matchExpressions: [{key: app, operator: Exists}]}}]
              - from:
                - namespaceSelector: {matchExpressions: [{key: team, operator: NotIn, values: [web]}]}
                  podSelector: {matchLabels: {app: trino}}
                ports: [{port: 3900}]
            """);

    record Case(String name, Supplier<PolicyDecision> decide, Outcome outcome, boolean isolated, String mentions) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("no policy: allowed, not isolated", () -> PolicyEvaluator.ingress(List.of(), TRINO, GARAGE, 3900, "TCP"),
                        ALLOWED, false, "no NetworkPolicy selects garage/garage-0 for ingress: all ingress is allowed"),
                new Case("default-deny ingress", () -> PolicyEvaluator.ingress(List.of(DEFAULT_DENY_INGRESS), TRINO, GARAGE, 3900, "TCP"),
                        DENIED, true, "ingress to garage/garage-0 is denied: garage/default-deny selects it and has no ingress rule"),
                new Case("deny-all egress", () -> PolicyEvaluator.egress(List.of(DENY_ALL_EGRESS), DAGSTER, GARAGE, 3900, "TCP"),
                        DENIED, true, "dagster/deny-egress selects it and has no egress rule"),
                new Case("an Egress-only policy does not isolate for ingress",
                        () -> PolicyEvaluator.ingress(List.of(DENY_ALL_EGRESS), TRINO, DAGSTER, 80, "TCP"),
                        ALLOWED, false, "no NetworkPolicy selects dagster/run-1 for ingress"),
                new Case("DNS-only egress: udp 53 to kube-dns", () -> PolicyEvaluator.egress(List.of(DNS_ONLY), DAGSTER, COREDNS, 53, "udp"),
                        ALLOWED, true, "is admitted by dagster/allow-dns egress rule 1 (to pods with k8s-app=kube-dns in namespaces"
                        + " with kubernetes.io/metadata.name=kube-system, port 53/UDP)"),
                new Case("DNS-only egress: tcp 3900 to kube-dns", () -> PolicyEvaluator.egress(List.of(DNS_ONLY), DAGSTER, COREDNS, 3900, "TCP"),
                        DENIED, true, "rule 1 admits only port 53/UDP, not 3900/TCP"),
                new Case("DNS-only egress: tcp 3900 to garage", () -> PolicyEvaluator.egress(List.of(DNS_ONLY), DAGSTER, GARAGE, 3900, "TCP"),
                        DENIED, true, "namespace garage has labels {kubernetes.io/metadata.name=garage}, no kubernetes.io/metadata.name=kube-system"),
                new Case("namespaceSelector label that no namespace has",
                        () -> PolicyEvaluator.ingress(List.of(FROM_TEAM_LAKE), TRINO, GARAGE, 3900, "TCP"),
                        DENIED, true, "admits only pods in namespaces with team=lake, but namespace trino has labels "
                        + "{kubernetes.io/metadata.name=trino, team=data}, no team=lake"),
                new Case("one peer with both selectors: AND", () -> PolicyEvaluator.ingress(List.of(AND_PEER), TRINO_ETL, GARAGE, 3900, "TCP"),
                        DENIED, true, "pod trino/etl-1 has labels {app=etl}, no app=trino"),
                new Case("two peers: OR", () -> PolicyEvaluator.ingress(List.of(OR_PEERS), TRINO_ETL, GARAGE, 3900, "TCP"),
                        ALLOWED, true, "garage/allow-or ingress rule 1 (from pods in namespaces with team=data or pods with app=trino"
                        + " in namespace garage, all ports)"),
                new Case("ipBlock v4: inside the cidr", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V4), DAGSTER,
                        PolicyPeer.address("203.0.113.77"), 443, "TCP"), ALLOWED, true, "dagster/allow-partner egress rule 1"),
                new Case("ipBlock v4: inside the except", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V4), DAGSTER,
                        PolicyPeer.address("203.0.113.9"), 443, "TCP"), DENIED, true,
                        "203.0.113.9 falls in the except 203.0.113.0/28 of 203.0.113.0/24"),
                new Case("ipBlock v4: a /12 stops at 10.16", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V4), DAGSTER,
                        PolicyPeer.address("10.16.0.1"), 443, "TCP"), DENIED, true, "10.16.0.1 is not in 10.0.0.0/12"),
                new Case("ipBlock v4: a pod IP inside a /12", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V4), DAGSTER,
                        pod("x", "y", "10.15.255.1", nsName("x"), Map.of()), 443, "TCP"), ALLOWED, true, "addresses in 10.0.0.0/12"),
                new Case("ipBlock v6: inside", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V6), DAGSTER,
                        PolicyPeer.address("2001:db8:1::5"), 443, "TCP"), ALLOWED, true, "addresses in 2001:db8::/32 except 2001:db8:ff::/48"),
                new Case("ipBlock v6: in the except", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V6), DAGSTER,
                        PolicyPeer.address("2001:db8:ff::5"), 443, "TCP"), DENIED, true, "2001:db8:ff::5 falls in the except 2001:db8:ff::/48"),
                new Case("ipBlock v6 never matches an IPv4 address", () -> PolicyEvaluator.egress(List.of(EGRESS_IP_V6), DAGSTER,
                        PolicyPeer.address("192.0.2.1"), 443, "TCP"), DENIED, true, "192.0.2.1 is not in 2001:db8::/32"),
                new Case("egress to a non-pod: selectors cannot match", () -> PolicyEvaluator.egress(List.of(EGRESS_TO_PODS), DAGSTER,
                        PolicyPeer.address("172.18.0.2"), 6443, "TCP"), DENIED, true, "172.18.0.2 is not a pod"),
                new Case("named port resolved on the target", () -> PolicyEvaluator.ingress(List.of(NAMED_PORT), TRINO, GARAGE, 3900, "TCP"),
                        ALLOWED, true, "garage/allow-s3 ingress rule 1 (from anywhere, port s3-api/TCP (= 3900 on garage/garage-0))"),
                new Case("named port: another number", () -> PolicyEvaluator.ingress(List.of(NAMED_PORT), TRINO, GARAGE, 3901, "TCP"),
                        DENIED, true, "rule 1 admits only port s3-api/TCP (= 3900 on garage/garage-0), not 3901/TCP"),
                new Case("named port the target does not declare",
                        () -> PolicyEvaluator.ingress(List.of(UNDECLARED_NAMED_PORT), TRINO, GARAGE, 9090, "TCP"),
                        DENIED, true, "port metrics/TCP (not declared by garage/garage-0)"),
                new Case("endPort: inside the range", () -> PolicyEvaluator.ingress(List.of(PORT_RANGE), TRINO, GARAGE, 3910, "TCP"),
                        ALLOWED, true, "ports 3900-3910/TCP"),
                new Case("endPort: past the range", () -> PolicyEvaluator.ingress(List.of(PORT_RANGE), TRINO, GARAGE, 3911, "TCP"),
                        DENIED, true, "rule 1 admits only ports 3900-3910/TCP, not 3911/TCP"),
                new Case("a policy in another namespace is ignored",
                        () -> PolicyEvaluator.ingress(List.of(DENY_IN_TRINO), TRINO, GARAGE, 3900, "TCP"),
                        ALLOWED, false, "no NetworkPolicy selects garage/garage-0"),
                new Case("egress rules without policyTypes select for egress",
                        () -> PolicyEvaluator.egress(List.of(EGRESS_TO_PODS), DAGSTER, TRINO, 8080, "TCP"),
                        DENIED, true, "dagster/egress-to-garage selects it; rule 1 admits only pods with app=garage in all namespaces"),
                new Case("... and still select for ingress", () -> PolicyEvaluator.ingress(List.of(EGRESS_TO_PODS), TRINO, DAGSTER, 80, "TCP"),
                        DENIED, true, "dagster/egress-to-garage selects it and has no ingress rule"),
                new Case("namespace labels unreadable: unknown",
                        () -> PolicyEvaluator.ingress(List.of(FROM_TEAM_DATA), TRINO_UNREADABLE, GARAGE, 3900, "TCP"),
                        UNKNOWN, true, "the labels of namespace trino could not be read"),
                new Case("namespace labels unreadable, but another rule admits for sure",
                        () -> PolicyEvaluator.ingress(List.of(FROM_TEAM_DATA, FROM_TRINO_IPS), TRINO_UNREADABLE, GARAGE, 3900, "TCP"),
                        ALLOWED, true, "garage/allow-trino-ips ingress rule 1 (from addresses in 10.244.2.0/24, all ports)"),
                new Case("namespace labels unreadable, but the pod labels already fail",
                        () -> PolicyEvaluator.ingress(List.of(AND_PEER), pod("trino", "etl-1", "10.244.2.21", null, Map.of("app", "etl")),
                                GARAGE, 3900, "TCP"), DENIED, true, "no app=trino"),
                new Case("two policies: the second admits", () -> PolicyEvaluator.ingress(List.of(FROM_DAGSTER, FROM_TRINO), TRINO, GARAGE, 3900, "TCP"),
                        ALLOWED, true, "garage/allow-dagster selects it; rule 1 admits only pods in namespaces with "
                        + "kubernetes.io/metadata.name=dagster, but namespace trino has labels"),
                new Case("matchExpressions: no pod in garage has app, NotIn lets trino through, the port does not",
                        () -> PolicyEvaluator.ingress(List.of(FROM_TRINO), TRINO, GARAGE, 3901, "TCP"),
                        DENIED, true, "rule 1 admits only pods with app in namespace garage, but trino/coordinator-0 is not in namespace garage;"
                        + " rule 2 admits only port 3900/TCP, not 3901/TCP"),
                new Case("matchExpressions: policy podSelector with DoesNotExist",
                        () -> PolicyEvaluator.ingress(List.of(FROM_TRINO), TRINO,
                                pod("garage", "garage-canary", "10.244.1.11", nsName("garage"), Map.of("app", "garage", "canary", "yes")),
                                3900, "TCP"), ALLOWED, false, "no NetworkPolicy selects garage/garage-canary"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decides(Case c) {
        PolicyDecision d = c.decide().get();
        String text = d.summary() + "\n" + String.join("\n", d.reasons());
        assertEquals(c.outcome(), d.outcome(), text);
        assertEquals(c.isolated(), d.isolated(), text);
        assertTrue(text.contains(c.mentions()), () -> "expected to mention: " + c.mentions() + "\nbut got:\n" + text);
    }

    @Test
    void unionNamesTheAdmittingRuleAndEverySelectingPolicy() {
        PolicyDecision d = PolicyEvaluator.ingress(List.of(FROM_DAGSTER, FROM_TRINO), TRINO, GARAGE, 3900, "TCP");
        assertEquals(List.of("garage/allow-dagster", "garage/allow-trino"), d.selectingPolicies());
        assertEquals(List.of("garage/allow-trino ingress rule 2 (from pods with app=trino in namespaces with team notin (web), port 3900/TCP)"),
                d.admittedBy());
        assertEquals("ingress to garage/garage-0 is admitted by " + d.admittedBy().get(0), d.summary());
        assertEquals(2, d.reasons().size());
        assertTrue(d.reasons().get(1).startsWith("garage/allow-trino admits it with rule 2"), d.reasons().get(1));
    }

    @Test
    void deniedByTwoPoliciesSummarisesBoth() {
        PolicyDecision d = PolicyEvaluator.ingress(List.of(DEFAULT_DENY_INGRESS, FROM_TEAM_LAKE), TRINO, GARAGE, 3900, "TCP");
        assertEquals(DENIED, d.outcome());
        assertEquals("ingress to garage/garage-0 is denied: 2 policies select it (garage/default-deny, garage/allow-lake) and none admits",
                d.summary());
    }

    @Test
    void unknownSummaryNamesTheUnreadableNamespace() {
        PolicyDecision d = PolicyEvaluator.ingress(List.of(DEFAULT_DENY_INGRESS, FROM_TEAM_DATA), TRINO_UNREADABLE, GARAGE, 3900, "TCP");
        assertEquals(UNKNOWN, d.outcome());
        assertEquals("ingress to garage/garage-0 cannot be decided: garage/allow-data selects it; rule 1 admits pods in namespaces"
                + " with team=data, and the labels of namespace trino could not be read", d.summary());
    }

    @Test
    void peerFromPodAndNamespace() {
        Pod pod = new PodBuilder()
                .withNewMetadata().withNamespace("garage").withName("garage-0").addToLabels("app", "garage").endMetadata()
                .withNewSpec().addNewContainer().withName("garage").addToPorts(port("s3-api", 3900, "TCP")).endContainer()
                .addNewContainer().withName("sidecar").addToPorts(port("metrics", 9090, "TCP")).endContainer().endSpec()
                .withNewStatus().withPodIP("10.244.1.10").endStatus()
                .build();
        PolicyPeer peer = PolicyPeer.of(pod, new NamespaceBuilder().withNewMetadata().withName("garage")
                .addToLabels("kubernetes.io/metadata.name", "garage").endMetadata().build());
        assertEquals("garage/garage-0", peer.describe());
        assertEquals(Map.of("app", "garage"), peer.podLabels());
        assertEquals(nsName("garage"), peer.namespaceLabels());
        assertEquals("10.244.1.10", peer.ip());
        assertEquals(2, peer.ports().size());
        assertNull(PolicyPeer.of(pod, null).namespaceLabels());
        assertEquals(ALLOWED, PolicyEvaluator.ingress(List.of(UNDECLARED_NAMED_PORT), TRINO, peer, 9090, "TCP").outcome());
    }
}
