package dev.kubelab.probe;

/**
 * Which DNS client a lookup uses inside the pod. They differ: glibc {@code getent} applies the
 * search list to every name with fewer than ndots dots; busybox {@code nslookup} only to names
 * without a dot, so {@code web.default} fails there. A lesson states which one it teaches.
 */
public enum Resolver {
    GETENT, NSLOOKUP;

    public String command() {
        return this == GETENT ? "getent hosts" : "nslookup";
    }
}
