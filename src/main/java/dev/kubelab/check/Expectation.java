package dev.kubelab.check;

import dev.kubelab.probe.ProbeSpec;

/** The condition a check's observed value must meet. Right-hand sides are probes too, so they can be live. */
public sealed interface Expectation {

    String describe();

    /** Same value: sets for lists, IP/number/trimmed-text equality otherwise. */
    record Equals(ProbeSpec other) implements Expectation {
        public String describe() {
            return "equals " + other.describe();
        }
    }

    record NotEquals(ProbeSpec other) implements Expectation {
        public String describe() {
            return "differs from " + other.describe();
        }
    }

    /** A list or text that contains the other value (every element, if that is a list). */
    record Contains(ProbeSpec other) implements Expectation {
        public String describe() {
            return "contains " + other.describe();
        }
    }

    record Empty() implements Expectation {
        public String describe() {
            return "is empty";
        }
    }

    record NonEmpty() implements Expectation {
        public String describe() {
            return "is not empty";
        }
    }

    record Matches(String regex) implements Expectation {
        public String describe() {
            return "matches /" + regex + "/";
        }
    }

    /** Every IP of the value lies in one of the CIDRs the other probe yields. */
    record InCidr(ProbeSpec cidrs) implements Expectation {
        public String describe() {
            return "lies in " + cidrs.describe();
        }
    }
}
