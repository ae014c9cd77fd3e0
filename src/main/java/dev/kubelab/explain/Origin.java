package dev.kubelab.explain;

import dev.kubelab.probe.PodRef;

/**
 * Where a connection starts: inside a pod ({@code ns/pod}, {@code ns/deploy/NAME}, {@code ns/app=x}),
 * or on this machine ({@code local}), where a {@code kubectl port-forward} listens.
 */
public sealed interface Origin {

    String describe();

    /** A pod: named, the first Running pod a label selector matches, or one of a Deployment's pods. */
    record InPod(PodRef ref, String deployment) implements Origin {
        public String describe() {
            return deployment != null ? ref.namespace() + "/deploy/" + deployment : ref.describe();
        }
    }

    record ThisMachine() implements Origin {
        public String describe() {
            return "this machine";
        }
    }

    /**
     * @param defaultNamespace for a bare pod name or selector
     * @throws IllegalArgumentException with the forms that are understood
     */
    static Origin parse(String text, String defaultNamespace) {
        String s = text == null ? "" : text.strip();
        if (s.equals("local") || s.equals("localhost") || s.equals("this-machine")) {
            return new ThisMachine();
        }
        String[] parts = s.split("/", -1);
        for (String p : parts) {
            if (p.isBlank()) {
                throw new IllegalArgumentException("'" + s + "' is not a source: write NAMESPACE/POD, NAMESPACE/deploy/NAME, "
                        + "NAMESPACE/LABEL=VALUE or local");
            }
        }
        return switch (parts.length) {
            case 1 -> inPod(defaultNamespace, parts[0]);
            case 2 -> inPod(parts[0], parts[1]);
            case 3 -> switch (parts[1]) {
                case "deploy", "deployment", "deployments" -> new InPod(new PodRef(parts[0], null, null, null), parts[2]);
                case "pod", "pods", "po" -> new InPod(new PodRef(parts[0], parts[2], null, null), null);
                default -> throw new IllegalArgumentException("'" + s + "': the middle part must be deploy or pod, not '"
                        + parts[1] + "'");
            };
            default -> throw new IllegalArgumentException("'" + s + "' has too many parts: write NAMESPACE/POD, "
                    + "NAMESPACE/deploy/NAME or NAMESPACE/LABEL=VALUE");
        };
    }

    private static InPod inPod(String namespace, String podOrSelector) {
        return podOrSelector.contains("=")
                ? new InPod(new PodRef(namespace, null, podOrSelector, null), null)
                : new InPod(new PodRef(namespace, podOrSelector, null, null), null);
    }
}
