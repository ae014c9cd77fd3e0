package dev.kubelab.cluster;

import dev.kubelab.kube.Kubeconfigs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * An existing kube context the user named explicitly. kubelab creates only labelled, namespaced
 * objects there and deletes only what carries its label (enforced by the session layer).
 *
 * <p>Every kubectl kubelab starts reads KUBECONFIG, and kubectl uses that file's current-context
 * unless told otherwise; so the cluster hands out a <em>pinned</em> kubeconfig that holds only the
 * named context (current-context set, its cluster and user, nothing else). Setup, replays, probes,
 * cleanup, the learner's commands and {@code !} shell cells can then reach no other cluster, even
 * a kubectl run without {@code --context}. The file is private (0600) and deleted when kubelab exits.
 */
public final class ContextCluster implements Cluster {

    private final Path source;
    private final Path pinned;
    private final String context;
    private final Map<String, String> images;

    private ContextCluster(Path source, Path pinned, String context, Map<String, String> images) {
        this.source = source;
        this.pinned = pinned;
        this.context = context;
        this.images = Map.copyOf(images);
    }

    /** Refuses without the explicit flag: kubelab never touches a cluster it did not create by accident. */
    public static ContextCluster open(Path kubeconfig, String context, boolean allowed) throws ClusterUnavailableException {
        return open(kubeconfig, context, allowed, Images.PUBLIC);
    }

    /** As {@link #open(Path, String, boolean)}, with the images that cluster can pull (e.g. from a mirror). */
    public static ContextCluster open(Path kubeconfig, String context, boolean allowed, Map<String, String> images)
            throws ClusterUnavailableException {
        if (context == null || context.isBlank()) {
            throw noContextName();
        }
        if (!allowed) {
            throw new ClusterUnavailableException("--cluster context:" + context
                    + " uses a cluster kubelab did not create; add --allow-existing-cluster to confirm");
        }
        if (kubeconfig == null || !Files.isRegularFile(kubeconfig)) {
            throw new ClusterUnavailableException("kubeconfig " + kubeconfig + " does not exist; pass --kubeconfig FILE");
        }
        try {
            Path pinned = privateTempFile();
            Kubeconfigs.writePrivate(Kubeconfigs.pinned(kubeconfig, context), pinned);
            return new ContextCluster(kubeconfig, pinned, context, images);
        } catch (Kubeconfigs.UnusableKubeconfigException e) {
            throw new ClusterUnavailableException("kubeconfig " + kubeconfig + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ClusterUnavailableException("kubeconfig " + kubeconfig + " could not be read or pinned: " + e.getMessage());
        }
    }

    /** {@code --cluster context:} without a name: bad input, never "the current context". */
    static ClusterSpecException noContextName() {
        return new ClusterSpecException("--cluster context: needs the name of a context (context:NAME); "
                + "kubelab never falls back on the kubeconfig's current-context");
    }

    /** A file in a folder only this user can enter, both removed when the JVM exits (also on Ctrl-C). */
    private static Path privateTempFile() throws IOException {
        Path dir;
        try {
            dir = Files.createTempDirectory("kubelab-context-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            dir = Files.createTempDirectory("kubelab-context-");
        }
        Path file = dir.resolve("kubeconfig");
        // deleteOnExit runs in reverse order: the file first, then its folder
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        return file;
    }

    @Override
    public String describe() {
        return "context " + context + " (" + source + ")";
    }

    /** The pinned kubeconfig (only this context), never the user's file itself. */
    @Override
    public Path kubeconfig() {
        return pinned;
    }

    /** The user's kubeconfig the context was read from. */
    public Path source() {
        return source;
    }

    @Override
    public String context() {
        return context;
    }

    @Override
    public Path kubectl() {
        return null;
    }

    @Override
    public Map<String, String> images() {
        return images;
    }

    @Override
    public boolean ownedByKubelab() {
        return false;
    }
}
