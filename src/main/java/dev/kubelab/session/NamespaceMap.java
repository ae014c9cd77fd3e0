package dev.kubelab.session;

import java.util.List;

/**
 * Logical namespaces of lessons ({@code garage}) to physical ones: the same name on a private
 * cluster, {@code PREFIX-garage} for one learner's slice of a shared cluster.
 */
public record NamespaceMap(String prefix, List<String> logical) {

    public static NamespaceMap identity(List<String> logical) {
        return new NamespaceMap("", logical);
    }

    public String physical(String ns) {
        if (ns == null || prefix.isEmpty() || !logical.contains(ns)) {
            return ns;
        }
        return prefix + "-" + ns;
    }

    public List<String> physicalAll() {
        return logical.stream().map(this::physical).toList();
    }
}
