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
        int slash = s.indexOf('/');
        if (slash > 0 && s.substring(0, slash).contains(".") && s.contains("=")) {
            slash = -1; // app.kubernetes.io/name=trino: a prefixed label key, for no namespace name has a dot
        }
        String namespace = slash < 0 ? defaultNamespace : s.substring(0, slash);
        String rest = slash < 0 ? s : s.substring(slash + 1);
        if (namespace.isBlank() || rest.isBlank() || rest.startsWith("/")) {
            throw new IllegalArgumentException("'" + s + "' is not a source: write NAMESPACE/POD, NAMESPACE/deploy/NAME, "
                    + "NAMESPACE/LABEL=VALUE or local");
        }
        if (rest.contains("=")) {
            // a selector's keys may carry a prefix with a slash: trino/app.kubernetes.io/name=trino
            return new InPod(new PodRef(namespace, null, rest, null), null);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length == 1) {
            return new InPod(new PodRef(namespace, rest, null, null), null);
        }
        if (parts.length > 2 || parts[1].isBlank()) {
            throw new IllegalArgumentException("'" + s + "' is not a source: write NAMESPACE/POD, "
                    + "NAMESPACE/deploy/NAME or NAMESPACE/LABEL=VALUE");
        }
        return switch (parts[0]) {
            case "deploy", "deployment", "deployments" -> new InPod(new PodRef(namespace, null, null, null), parts[1]);
            case "pod", "pods", "po" -> new InPod(new PodRef(namespace, parts[1], null, null), null);
            default -> throw new IllegalArgumentException("'" + s + "': the middle part must be deploy or pod, not '"
                    + parts[0] + "'");
        };
    }
}
