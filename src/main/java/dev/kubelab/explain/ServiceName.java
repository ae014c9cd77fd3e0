package dev.kubelab.explain;

/**
 * What an absolute in-cluster name points at: {@code NAME.NS.svc.DOMAIN.} is a Service,
 * {@code HOST.NAME.NS.svc.DOMAIN.} one pod behind a headless Service.
 */
record ServiceName(String service, String namespace, String podHostname) {

    /** The Service (or headless pod) an absolute candidate names in {@code domain}, or null. */
    static ServiceName of(String absolute, String domain) {
        if (domain == null) {
            return null;
        }
        String name = ResolverConfig.stripDot(absolute);
        String suffix = ".svc." + domain;
        if (!name.endsWith(suffix)) {
            return null;
        }
        String[] labels = name.substring(0, name.length() - suffix.length()).split("\\.");
        if (labels.length == 2) {
            return new ServiceName(labels[0], labels[1], null);
        }
        if (labels.length == 3) {
            return new ServiceName(labels[1], labels[2], labels[0]);
        }
        return null;
    }

    String describe() {
        return (podHostname == null ? "" : "pod " + podHostname + " of ") + "Service " + namespace + "/" + service;
    }
}
