package dev.kubelab.explain;

import dev.kubelab.explain.PolicyDecision.Direction;
import dev.kubelab.explain.PolicyDecision.Outcome;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether networking.k8s.io/v1 NetworkPolicies let one connection through, and says why, rule by rule.
 * Pure: it reads only its arguments.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {
    }

    private enum Match { YES, NO, UNKNOWN }

    /** A match with the phrase that explains a NO or an UNKNOWN. */
    private record Verdict(Match match, String detail) {
        static final Verdict YES = new Verdict(Match.YES, "");
    }

    /** An ingress or egress rule, seen the same way: the peers on the other side and the ports. */
    private record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {
    }

    /** Ingress to {@code target}, judged by the policies in the target's namespace; the client is the peer. */
    public static PolicyDecision ingress(List<NetworkPolicy> policies, PolicyPeer client, PolicyPeer target,
                                         int port, String protocol) {
        return evaluate(Direction.INGRESS, policies, target, client, target, port, protocol);
    }

    /** Egress from {@code client}, judged by the policies in the client's namespace; the target is the peer. */
    public static PolicyDecision egress(List<NetworkPolicy> policies, PolicyPeer client, PolicyPeer target,
                                        int port, String protocol) {
        return evaluate(Direction.EGRESS, policies, client, target, target, port, protocol);
    }

    private static PolicyDecision evaluate(Direction direction, List<NetworkPolicy> policies, PolicyPeer subject,
                                           PolicyPeer other, PolicyPeer target, int port, String protocol) {
        String proto = protocol == null || protocol.isBlank() ? "TCP" : protocol.toUpperCase(Locale.ROOT);
        String dir = direction.word();
        List<String> admittedBy = new ArrayList<>();
        List<String> selecting = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean unknown = false;
        for (NetworkPolicy policy : policies == null ? List.<NetworkPolicy>of() : policies) {
            if (!selects(policy, subject, direction)) {
                continue;
            }
            String name = policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName();
            selecting.add(name);
            List<Rule> rules = rules(policy.getSpec(), direction);
            if (rules.isEmpty()) {
                reasons.add(name + " selects it and has no " + dir + " rule");
                continue;
            }
            List<String> admitting = new ArrayList<>();
            List<String> failing = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                String label = "rule " + (i + 1);
                Verdict v = judge(rule, policy.getMetadata().getNamespace(), other, target, port, proto);
                if (v.match() == Match.YES) {
                    String what = describe(rule, direction, policy.getMetadata().getNamespace(), target);
                    admitting.add(label + " (" + what + ")");
                    admittedBy.add(name + " " + dir + " " + label + " (" + what + ")");
                } else {
                    unknown |= v.match() == Match.UNKNOWN;
                    failing.add(label + " " + v.detail());
                }
            }
            reasons.add(admitting.isEmpty()
                    ? name + " selects it; " + String.join("; ", failing)
                    : name + " admits it with " + String.join(", ", admitting));
        }
        Outcome outcome = selecting.isEmpty() || !admittedBy.isEmpty() ? Outcome.ALLOWED
                : unknown ? Outcome.UNKNOWN : Outcome.DENIED;
        return new PolicyDecision(direction, subject.describe(), !selecting.isEmpty(), outcome,
                admittedBy, selecting, reasons);
    }

    /** Same namespace, podSelector matches, and the policy's types include this direction. */
    private static boolean selects(NetworkPolicy policy, PolicyPeer pod, Direction direction) {
        if (policy == null || !pod.isPod() || policy.getMetadata() == null || policy.getSpec() == null
                || !Objects.equals(policy.getMetadata().getNamespace(), pod.namespace())) {
            return false;
        }
        return LabelSelectors.matches(policy.getSpec().getPodSelector(), pod.podLabels())
                && policyTypes(policy.getSpec()).contains(direction == Direction.INGRESS ? "Ingress" : "Egress");
    }

    /** Without policyTypes, Ingress always applies and Egress only when there are egress rules. */
    private static List<String> policyTypes(NetworkPolicySpec spec) {
        if (spec.getPolicyTypes() != null && !spec.getPolicyTypes().isEmpty()) {
            return spec.getPolicyTypes();
        }
        return spec.getEgress() != null && !spec.getEgress().isEmpty() ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static List<Rule> rules(NetworkPolicySpec spec, Direction direction) {
        List<Rule> rules = new ArrayList<>();
        if (direction == Direction.INGRESS && spec.getIngress() != null) {
            spec.getIngress().forEach(r -> rules.add(new Rule(orEmpty(r.getFrom()), orEmpty(r.getPorts()))));
        } else if (direction == Direction.EGRESS && spec.getEgress() != null) {
            spec.getEgress().forEach(r -> rules.add(new Rule(orEmpty(r.getTo()), orEmpty(r.getPorts()))));
        }
        return rules;
    }

    /** A rule admits when some peer matches (none listed = everyone) and some port matches (none = all). */
    private static Verdict judge(Rule rule, String policyNs, PolicyPeer other, PolicyPeer target, int port,
                                 String proto) {
        Verdict peers = Verdict.YES;
        if (!rule.peers().isEmpty()) {
            Set<String> no = new LinkedHashSet<>();
            Set<String> unknown = new LinkedHashSet<>();
            boolean yes = false;
            for (NetworkPolicyPeer p : rule.peers()) {
                Verdict v = matchPeer(p, policyNs, other);
                switch (v.match()) {
                    case YES -> yes = true;
                    case NO -> no.add(v.detail());
                    case UNKNOWN -> unknown.add(v.detail());
                }
            }
            String only = describePeers(rule.peers(), policyNs);
            peers = yes ? Verdict.YES
                    : !unknown.isEmpty() ? new Verdict(Match.UNKNOWN, "admits " + only + ", and "
                    + String.join(" and ", unknown))
                    : new Verdict(Match.NO, "admits only " + only + ", but " + String.join(" and ", no));
        }
        if (peers.match() == Match.NO) {
            return peers;
        }
        if (!rule.ports().isEmpty() && rule.ports().stream().noneMatch(p -> matchPort(p, target, port, proto))) {
            return new Verdict(Match.NO, "admits only " + describePorts(rule.ports(), target) + ", not " + port + "/" + proto);
        }
        return peers;
    }

    private static Verdict matchPeer(NetworkPolicyPeer peer, String policyNs, PolicyPeer other) {
        if (peer.getIpBlock() != null) {
            return matchIpBlock(peer.getIpBlock(), other);
        }
        LabelSelector podSel = peer.getPodSelector();
        LabelSelector nsSel = peer.getNamespaceSelector();
        if (podSel == null && nsSel == null) {
            return new Verdict(Match.NO, "an empty peer matches nothing");
        }
        if (!other.isPod()) {
            return new Verdict(Match.NO, other.describe() + " is not a pod, so pod and namespace selectors cannot match it");
        }
        Verdict ns = Verdict.YES;
        if (nsSel == null) {
            // a podSelector alone looks only in the policy's own namespace
            if (!Objects.equals(policyNs, other.namespace())) {
                ns = new Verdict(Match.NO, other.describe() + " is not in namespace " + policyNs);
            }
        } else if (!LabelSelectors.isEmpty(nsSel)) {
            if (other.namespaceLabels() == null) {
                ns = new Verdict(Match.UNKNOWN, "the labels of namespace " + other.namespace() + " "
                        + PolicyDecision.UNREADABLE);
            } else if (!LabelSelectors.matches(nsSel, other.namespaceLabels())) {
                ns = new Verdict(Match.NO, "namespace " + other.namespace() + " has labels " + other.namespaceLabels()
                        + ", " + String.join(", ", LabelSelectors.misses(nsSel, other.namespaceLabels())));
            }
        }
        if (ns.match() == Match.NO) {
            return ns;
        }
        List<String> podMisses = LabelSelectors.misses(podSel, other.podLabels());
        if (!podMisses.isEmpty()) {
            return new Verdict(Match.NO, "pod " + other.describe() + " has labels " + other.podLabels() + ", "
                    + String.join(", ", podMisses));
        }
        return ns;
    }

    private static Verdict matchIpBlock(IPBlock block, PolicyPeer other) {
        Optional<byte[]> ip = Cidr.address(other.ip());
        if (ip.isEmpty()) {
            return new Verdict(Match.NO, other.describe() + " has no known IP address for ipBlock " + block.getCidr());
        }
        Optional<Cidr> cidr = Cidr.parse(block.getCidr());
        if (cidr.isEmpty() || !cidr.get().contains(ip.get())) {
            return new Verdict(Match.NO, other.ip() + " is not in " + block.getCidr());
        }
        for (String except : orEmpty(block.getExcept())) {
            if (Cidr.parse(except).map(c -> c.contains(ip.get())).orElse(false)) {
                return new Verdict(Match.NO, other.ip() + " falls in the except " + except + " of " + block.getCidr());
            }
        }
        return Verdict.YES;
    }

    /** Protocol defaults to TCP; no port = every port; a named port is looked up on the target pod. */
    private static boolean matchPort(NetworkPolicyPort entry, PolicyPeer target, int port, String proto) {
        String entryProto = protocolOf(entry);
        if (!entryProto.equalsIgnoreCase(proto)) {
            return false;
        }
        if (entry.getPort() == null) {
            return true;
        }
        if (entry.getPort().getIntVal() != null) {
            int from = entry.getPort().getIntVal();
            int to = entry.getEndPort() == null ? from : entry.getEndPort();
            return port >= from && port <= to;
        }
        return namedPort(entry.getPort().getStrVal(), entryProto, target).map(p -> p == port).orElse(false);
    }

    private static Optional<Integer> namedPort(String name, String proto, PolicyPeer target) {
        if (!target.isPod()) {
            return Optional.empty();
        }
        return target.ports().stream()
                .filter(cp -> Objects.equals(cp.getName(), name))
                .filter(cp -> proto.equalsIgnoreCase(cp.getProtocol() == null ? "TCP" : cp.getProtocol()))
                .map(ContainerPort::getContainerPort)
                .filter(Objects::nonNull)
                .findFirst();
    }

    private static String protocolOf(NetworkPolicyPort entry) {
        return entry.getProtocol() == null ? "TCP" : entry.getProtocol().toUpperCase(Locale.ROOT);
    }

    /** "from pods with app=trino in namespaces with team=data, port 3900/TCP". */
    private static String describe(Rule rule, Direction direction, String policyNs, PolicyPeer target) {
        String side = direction == Direction.INGRESS ? "from " : "to ";
        String peers = rule.peers().isEmpty() ? "anywhere" : describePeers(rule.peers(), policyNs);
        String ports = rule.ports().isEmpty() ? "all ports" : describePorts(rule.ports(), target);
        return side + peers + ", " + ports;
    }

    private static String describePeers(List<NetworkPolicyPeer> peers, String policyNs) {
        return String.join(" or ", peers.stream().map(p -> describePeer(p, policyNs)).toList());
    }

    private static String describePeer(NetworkPolicyPeer peer, String policyNs) {
        if (peer.getIpBlock() != null) {
            List<String> except = orEmpty(peer.getIpBlock().getExcept());
            return "addresses in " + peer.getIpBlock().getCidr()
                    + (except.isEmpty() ? "" : " except " + String.join(", ", except));
        }
        if (peer.getPodSelector() == null && peer.getNamespaceSelector() == null) {
            return "nothing (empty peer)";
        }
        // an empty podSelector reads as plain "pods": "admits only pods in namespaces with team=data"
        String pods = LabelSelectors.isEmpty(peer.getPodSelector())
                ? "pods" : "pods with " + LabelSelectors.render(peer.getPodSelector());
        if (peer.getNamespaceSelector() == null) {
            return pods + " in namespace " + policyNs;
        }
        return pods + " in " + (LabelSelectors.isEmpty(peer.getNamespaceSelector()) ? "all namespaces"
                : "namespaces with " + LabelSelectors.render(peer.getNamespaceSelector()));
    }

    /** "port 5432/TCP", "ports 8000-8100/TCP, 53/UDP", "all UDP ports"; named ports with what they resolve to. */
    private static String describePorts(List<NetworkPolicyPort> entries, PolicyPeer target) {
        List<String> parts = new ArrayList<>();
        for (NetworkPolicyPort e : entries) {
            String proto = protocolOf(e);
            if (e.getPort() == null) {
                parts.add("all " + proto + " ports");
            } else if (e.getPort().getIntVal() != null) {
                parts.add(e.getPort().getIntVal() + (e.getEndPort() == null ? "" : "-" + e.getEndPort()) + "/" + proto);
            } else {
                String name = e.getPort().getStrVal();
                String resolved = namedPort(name, proto, target).map(p -> " (= " + p + " on " + target.describe() + ")")
                        .orElse(" (not declared by " + target.describe() + ")");
                parts.add(name + "/" + proto + resolved);
            }
        }
        NetworkPolicyPort first = entries.get(0);
        String prefix = entries.size() > 1 ? "ports "
                : first.getPort() == null ? "" : first.getEndPort() == null ? "port " : "ports ";
        return prefix + String.join(", ", parts);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
