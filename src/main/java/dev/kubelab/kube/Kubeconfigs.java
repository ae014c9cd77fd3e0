package dev.kubelab.kube;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.ConfigBuilder;
import io.fabric8.kubernetes.api.model.Context;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes kubeconfig files through fabric8's model (never by string concatenation), and
 * pins one context: a file holding only that context, its cluster and its user, so no kubectl or
 * client kubelab starts can fall back on the user's current-context.
 */
public final class Kubeconfigs {

    private static final KubernetesSerialization YAML = new KubernetesSerialization();

    private Kubeconfigs() {
    }

    /** A kubeconfig that cannot be used for the requested context; the message is one line for the user. */
    public static final class UnusableKubeconfigException extends Exception {
        public UnusableKubeconfigException(String message) {
            super(message);
        }
    }

    public static Config parse(String yaml) throws UnusableKubeconfigException {
        try {
            Config c = YAML.unmarshal(yaml, Config.class);
            if (c == null) {
                throw new UnusableKubeconfigException("it is empty");
            }
            return c;
        } catch (RuntimeException e) {
            throw new UnusableKubeconfigException("it is not a kubeconfig (" + firstLine(e.getMessage()) + ")");
        }
    }

    public static String toYaml(Config config) {
        return YAML.asYaml(config);
    }

    /**
     * The part of {@code source} that {@code context} uses, as a config whose current-context is
     * that context. File paths in it (certificate authority, client certificate and key, token
     * file, an exec plugin given as a relative path) are made absolute against the source file's
     * folder, as kubectl resolves them, so the pinned copy works from anywhere.
     */
    public static Config pinned(Path source, String context) throws IOException, UnusableKubeconfigException {
        Config all = parse(Files.readString(source));
        Path base = source.toAbsolutePath().getParent();
        NamedContext ctx = find(all.getContexts(), NamedContext::getName, context).orElseThrow(() ->
                new UnusableKubeconfigException("it has no context '" + context + "' (it has: "
                        + names(all.getContexts(), NamedContext::getName) + ")"));
        Context c = ctx.getContext();
        if (c == null || c.getCluster() == null || c.getCluster().isBlank()) {
            throw new UnusableKubeconfigException("its context '" + context + "' names no cluster");
        }
        NamedCluster cluster = find(all.getClusters(), NamedCluster::getName, c.getCluster()).orElseThrow(() ->
                new UnusableKubeconfigException("its context '" + context + "' names cluster '" + c.getCluster()
                        + "', which it does not define"));
        Optional<NamedAuthInfo> user = c.getUser() == null || c.getUser().isBlank() ? Optional.empty()
                : Optional.of(find(all.getUsers(), NamedAuthInfo::getName, c.getUser()).orElseThrow(() ->
                new UnusableKubeconfigException("its context '" + context + "' names user '" + c.getUser()
                        + "', which it does not define")));
        Cluster cl = cluster.getCluster();
        if (cl != null) {
            cl.setCertificateAuthority(absolute(base, cl.getCertificateAuthority()));
        }
        user.map(NamedAuthInfo::getUser).ifPresent(u -> absolutePaths(base, u));
        return new ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .withClusters(cluster)
                .withUsers(user.map(List::of).orElse(List.of()))
                .withContexts(ctx)
                .withCurrentContext(context)
                .build();
    }

    /**
     * Writes {@code config} to {@code target} readable by its owner only (it holds credentials):
     * the file is created with mode 0600 before anything is written into it.
     */
    public static void writePrivate(Config config, Path target) throws IOException {
        PrivateFiles.write(target, toYaml(config));
    }

    /** A kubeconfig for one bearer token: server, CA, token and default namespace. */
    public static Config forToken(String clusterName, String server, String caData, String userName, String token,
                                  String namespace) {
        return new ConfigBuilder()
                .withApiVersion("v1").withKind("Config")
                .addNewCluster().withName(clusterName).withNewCluster()
                .withServer(server).withCertificateAuthorityData(caData).endCluster().endCluster()
                .addNewUser().withName(userName).withNewUser().withToken(token).endUser().endUser()
                .addNewContext().withName(userName).withNewContext()
                .withCluster(clusterName).withUser(userName).withNamespace(namespace).endContext().endContext()
                .withCurrentContext(userName)
                .build();
    }

    private static void absolutePaths(Path base, AuthInfo u) {
        u.setClientCertificate(absolute(base, u.getClientCertificate()));
        u.setClientKey(absolute(base, u.getClientKey()));
        u.setTokenFile(absolute(base, u.getTokenFile()));
        ExecConfig exec = u.getExec();
        // kubectl resolves an exec command relative to the kubeconfig only when it contains a path separator
        if (exec != null && exec.getCommand() != null && exec.getCommand().contains("/")) {
            exec.setCommand(absolute(base, exec.getCommand()));
        }
    }

    private static String absolute(Path base, String file) {
        if (file == null || file.isBlank() || base == null) {
            return file;
        }
        Path p = Path.of(file);
        return p.isAbsolute() ? file : base.resolve(p).normalize().toString();
    }

    private static <T> Optional<T> find(List<T> items, java.util.function.Function<T, String> name, String wanted) {
        return items == null ? Optional.empty()
                : items.stream().filter(Objects::nonNull).filter(i -> wanted.equals(name.apply(i))).findFirst();
    }

    private static <T> String names(List<T> items, java.util.function.Function<T, String> name) {
        String s = items == null ? "" : items.stream().filter(Objects::nonNull).map(name).filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
        return s.isEmpty() ? "no contexts" : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
