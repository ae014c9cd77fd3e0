package dev.kubelab.explain;

import java.util.List;

/**
 * What the NetworkPolicies say about one connection, in one direction.
 *
 * @param subject           the pod the policies are about: the target for ingress, the client for egress
 * @param isolated          some policy selects the subject for this direction
 * @param admittedBy        the rules that admit, e.g. "trino/allow-s3 ingress rule 1 (from ..., port 3900/TCP)"
 * @param selectingPolicies the policies ("ns/name") that select the subject for this direction
 * @param reasons           one sentence per selecting policy: why it admits, or why none of its rules does
 */
public record PolicyDecision(Direction direction, String subject, boolean isolated, Outcome outcome,
                             List<String> admittedBy, List<String> selectingPolicies, List<String> reasons) {

    public enum Direction {
        INGRESS, EGRESS;

        /** "ingress" or "egress", as the API spells it in rule names. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** UNKNOWN only when the answer hangs on namespace labels that could not be read. */
    public enum Outcome { ALLOWED, DENIED, UNKNOWN }

    /** Marks the reason that makes an outcome UNKNOWN; {@link #summary()} looks for it. */
    static final String UNREADABLE = "could not be read";

    public PolicyDecision {
        admittedBy = List.copyOf(admittedBy);
        selectingPolicies = List.copyOf(selectingPolicies);
        reasons = List.copyOf(reasons);
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** One sentence for a person. */
    public String summary() {
        String dir = direction.word();
        if (!isolated) {
            return "no NetworkPolicy selects " + subject + " for " + dir + ": all " + dir + " is allowed";
        }
        String traffic = dir + (direction == Direction.INGRESS ? " to " : " from ") + subject;
        return switch (outcome) {
            case ALLOWED -> traffic + " is admitted by " + admittedBy.get(0)
                    + (admittedBy.size() > 1 ? " (and " + (admittedBy.size() - 1) + " more rule(s))" : "");
            case UNKNOWN -> traffic + " cannot be decided: " + reasons.stream()
                    .filter(r -> r.contains(UNREADABLE)).findFirst().orElse(String.join("; ", reasons));
            case DENIED -> traffic + " is denied: " + (reasons.size() == 1 ? reasons.get(0)
                    : selectingPolicies.size() + " policies select it (" + String.join(", ", selectingPolicies)
                    + ") and none admits");
        };
    }
}
