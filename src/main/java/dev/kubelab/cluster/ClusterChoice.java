package dev.kubelab.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Picks the backend from {@code --cluster}: {@code auto} (see {@link AutoSelection}), {@code kind},
 * {@code local}, or {@code context:NAME} (needs --allow-existing-cluster).
 */
public final class ClusterChoice {

    private ClusterChoice() {
    }

    /** A ready cluster; {@code auto} and {@code kind} may start the kind node (silently: prefer the overload with progress). */
    public static Cluster choose(String spec, Path kubeconfig, boolean allowExisting, Map<String, String> env)
            throws ClusterUnavailableException {
        return choose(spec, kubeconfig, allowExisting, env, m -> { });
    }

    /** A ready cluster; starting the kind node when it is chosen and not running, reporting progress. */
    public static Cluster choose(String spec, Path kubeconfig, boolean allowExisting, Map<String, String> env,
                                 Consumer<String> progress) throws ClusterUnavailableException {
        checkSpec(spec);
        String s = spec == null ? "auto" : spec;
        if (s.startsWith("context:")) {
            return context(s, kubeconfig, allowExisting, env).up(progress);
        }
        Path localState = LocalCluster.stateDir(env);
        switch (s) {
            case "local":
                return LocalCluster.open(localState);
            case "kind":
                return KindBackend.fromEnv(env).up(progress);
            case "auto":
                KindBackend kind = KindBackend.fromEnv(env);
                AutoSelection.Decision d = AutoSelection.decide(AutoSelection.observe(kind, new LocalBackend(null, localState)));
                if (d instanceof AutoSelection.Decision.Kind) {
                    try {
                        return kind.up(progress);
                    } catch (ClusterUnavailableException e) {
                        if (!LocalCluster.looksUp(localState)) {
                            throw e;
                        }
                        // Docker answers but cannot run kind (e.g. no privileged containers): the local cluster is up
                        progress.accept(e.getMessage() + "; using the local cluster instead");
                        return LocalCluster.open(localState);
                    }
                }
                if (d instanceof AutoSelection.Decision.Local) {
                    return LocalCluster.open(localState);
                }
                throw new ClusterUnavailableException(((AutoSelection.Decision.Nothing) d).message());
            default:
                throw unknown(s);
        }
    }

    /**
     * The backend {@code kubelab cluster up|down|status} acts on. {@code auto} resolves as for lessons,
     * except that with nothing running it names kind when Docker answers and local otherwise.
     */
    public static ClusterBackend backend(String spec, Path kubeconfig, boolean allowExisting, Map<String, String> env,
                                         Path root) throws ClusterUnavailableException {
        checkSpec(spec);
        String s = spec == null ? "auto" : spec;
        if (s.startsWith("context:")) {
            return context(s, kubeconfig, allowExisting, env);
        }
        KindBackend kind = KindBackend.fromEnv(env);
        LocalBackend local = LocalBackend.fromEnv(env, root);
        switch (s) {
            case "kind":
                return kind;
            case "local":
                return local;
            case "auto":
                AutoSelection.Decision d = AutoSelection.decide(AutoSelection.observe(kind, local));
                return d instanceof AutoSelection.Decision.Kind ? kind : local;
            default:
                throw unknown(s);
        }
    }

    /** Refuses a {@code --cluster} value that names no backend before anything starts (the REPL checks it up front). */
    public static void checkSpec(String spec) throws ClusterSpecException {
        String s = spec == null ? "auto" : spec;
        if (s.startsWith("context:")) {
            if (s.substring("context:".length()).isBlank()) {
                throw ContextCluster.noContextName();
            }
            return;
        }
        if (!java.util.Set.of("auto", "kind", "local").contains(s)) {
            throw unknown(s);
        }
    }

    /** {@code s} passed {@link #checkSpec}: a context name is there. */
    private static ContextBackend context(String s, Path kubeconfig, boolean allowExisting, Map<String, String> env)
            throws ClusterSpecException {
        String ctx = s.substring("context:".length());
        Path kc = kubeconfig != null ? kubeconfig
                : env.get("KUBECONFIG") != null ? Path.of(env.get("KUBECONFIG").split(java.io.File.pathSeparator)[0])
                : Path.of(env.getOrDefault("HOME", "/root"), ".kube", "config");
        return new ContextBackend(kc, ctx, allowExisting, contextImages(env));
    }

    /**
     * The images a context's cluster runs: {@code KUBELAB_IMAGES} names a properties file
     * ({@code busybox=REF}, {@code debug=REF}) for a cluster that pulls from a mirror or cannot pull at all.
     */
    private static Map<String, String> contextImages(Map<String, String> env) throws ClusterSpecException {
        String file = env.get("KUBELAB_IMAGES");
        if (file == null || file.isBlank()) {
            return Images.PUBLIC;
        }
        try {
            Map<String, String> m = new java.util.TreeMap<>(Images.PUBLIC);
            m.putAll(Images.load(Path.of(file)));
            return m;
        } catch (java.io.IOException e) {
            throw new ClusterSpecException("KUBELAB_IMAGES=" + file + " cannot be read: " + e.getMessage());
        }
    }

    private static ClusterSpecException unknown(String s) {
        return new ClusterSpecException("unknown --cluster '" + s + "' (auto, kind, local, context:NAME)");
    }
}
