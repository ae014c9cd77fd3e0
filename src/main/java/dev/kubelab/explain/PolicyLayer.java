package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * NetworkPolicy, computed from the objects with the API's semantics: the client's egress and the
 * target's ingress, and which rule admits the connection or why none does.
 */
final class PolicyLayer {

    Finding examine(Scene s) {
        if (s.targetPods.isEmpty() || s.targetPort == 0) {
            return Finding.skipped(Layer.POLICY, "no target pod to judge policies against");
        }
        Pod target = s.targetPods.get(0);
        String targetNs = target.getMetadata().getNamespace();
        List<String> evidence = new ArrayList<>();
        try {
            List<NetworkPolicy> egressPolicies = policies(s, s.clientNamespace());
            List<NetworkPolicy> ingressPolicies = targetNs.equals(s.clientNamespace()) ? egressPolicies : policies(s, targetNs);
            Namespace clientNs = DnsDiagnosis.readNamespace(s, s.clientNamespace());
            Namespace serverNs = targetNs.equals(s.clientNamespace()) ? clientNs : DnsDiagnosis.readNamespace(s, targetNs);
            PolicyPeer client = PolicyPeer.of(s.clientPod, clientNs);
            PolicyPeer server = PolicyPeer.of(target, serverNs);
            PolicyDecision egress = PolicyEvaluator.egress(egressPolicies, client, server, s.targetPort, "TCP");
            PolicyDecision ingress = PolicyEvaluator.ingress(ingressPolicies, client, server, s.targetPort, "TCP");
            describe(evidence, egress);
            describe(evidence, ingress);
            if (egress.outcome() == PolicyDecision.Outcome.DENIED) {
                return Finding.broken(Layer.POLICY, egress.summary(), evidence,
                        "let an egress rule of the client's policy admit this destination and port (and keep DNS allowed)");
            }
            if (ingress.outcome() == PolicyDecision.Outcome.DENIED) {
                return Finding.broken(Layer.POLICY, ingress.summary(), evidence,
                        "add an ingress rule, in a policy selecting the target, that admits this client (its namespace and pod labels) "
                                + "on port " + s.targetPort);
            }
            if (egress.outcome() == PolicyDecision.Outcome.UNKNOWN || ingress.outcome() == PolicyDecision.Outcome.UNKNOWN) {
                return Finding.unknown(Layer.POLICY, "the policies depend on namespace labels this account cannot read", evidence);
            }
            return Finding.ok(Layer.POLICY, (egress.isolated() || ingress.isolated() ? "admitted: " : "")
                    + ingress.summary() + "; " + egress.summary(), evidence);
        } catch (Scene.Unreadable e) {
            return Finding.unknown(Layer.POLICY, e.getMessage(), evidence);
        }
    }

    /** The decision, then each policy's reason that the one-line summary does not already say. */
    private static void describe(List<String> evidence, PolicyDecision d) {
        evidence.add(d.direction().word() + ": " + d.summary());
        d.reasons().stream().filter(r -> !d.summary().contains(r)).forEach(r -> evidence.add("  " + r));
    }

    private static List<NetworkPolicy> policies(Scene s, String ns) throws Scene.Unreadable {
        return s.read("NetworkPolicies in " + ns, () -> s.api.network().v1().networkPolicies().inNamespace(ns).list().getItems());
    }
}
