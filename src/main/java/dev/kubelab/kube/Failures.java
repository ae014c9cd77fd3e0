package dev.kubelab.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** The one place that unwraps causes and words a Kubernetes API failure in one line. */
public final class Failures {

    private Failures() {
    }

    /** The innermost cause (cycles stop the walk). */
    public static Throwable rootCause(Throwable e) {
        Throwable t = e;
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (t.getCause() != null && seen.add(t)) {
            t = t.getCause();
        }
        return t;
    }

    /** The innermost cause's message, or its class name when it has none. */
    public static String rootMessage(Throwable e) {
        Throwable t = rootCause(e);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * One line for a failed API call: what the status code means for the user (who may have to
     * ask for rights or fix their input) and not "the API did not answer" when it did.
     */
    public static String apiMessage(KubernetesClientException e) {
        String detail = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
                : firstLine(rootMessage(e));
        if (unreachable(e)) {
            return "the Kubernetes API did not answer: " + firstLine(rootMessage(e));
        }
        return switch (e.getCode()) {
            case 401 -> "the Kubernetes API refused the credentials (401 Unauthorized): the token or certificate "
                    + "is not valid there (expired?): " + detail;
            case 403 -> "the Kubernetes API forbids this (403 Forbidden): " + detail;
            case 404 -> "not found on the cluster (404): " + detail;
            case 409 -> "conflict on the cluster (409: it exists already or changed meanwhile): " + detail;
            case 422 -> "the cluster rejected an object as invalid (422): " + detail;
            default -> "the Kubernetes API answered " + e.getCode() + ": " + detail;
        };
    }

    /** True when the API server could not be reached at all (no HTTP status: fabric8 says 0 or -1). */
    public static boolean unreachable(KubernetesClientException e) {
        return e.getCode() <= 0;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
