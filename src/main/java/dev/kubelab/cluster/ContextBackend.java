package dev.kubelab.cluster;

import dev.kubelab.kube.Failures;
import dev.kubelab.kube.KubeClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** An existing kube context: usable only with --allow-existing-cluster, and never started or removed by kubelab. */
public final class ContextBackend implements ClusterBackend {

    private final Path kubeconfig;
    private final String context;
    private final boolean allowed;
    private final Map<String, String> images;

    public ContextBackend(Path kubeconfig, String context, boolean allowed) {
        this(kubeconfig, context, allowed, Images.PUBLIC);
    }

    /** {@code images}: what the lessons' logical images are on that cluster (public pinned ones by default). */
    public ContextBackend(Path kubeconfig, String context, boolean allowed, Map<String, String> images) {
        this.kubeconfig = kubeconfig;
        this.context = context;
        this.allowed = allowed;
        this.images = Map.copyOf(images);
    }

    @Override
    public String name() {
        return "context:" + context;
    }

    /** Up only when the context's API server answers {@code /version} with these credentials. */
    @Override
    public BackendStatus status() {
        try {
            ContextCluster c = ContextCluster.open(kubeconfig, context, allowed, images);
            String version = askApiServer(c);
            return new BackendStatus.Up(c.describe() + ", Kubernetes " + version + "; kubelab creates only namespaces labelled "
                    + "app.kubernetes.io/managed-by=kubelab there");
        } catch (ClusterUnavailableException e) {
            return new BackendStatus.Unavailable(e.getMessage());
        }
    }

    /** The pinned context, once its API server has answered (a dead or refusing server is said here, in one line). */
    @Override
    public Cluster up(Consumer<String> progress) throws ClusterUnavailableException {
        ContextCluster c = ContextCluster.open(kubeconfig, context, allowed, images);
        askApiServer(c);
        return c;
    }

    /**
     * GET /version through the pinned kubeconfig, with its credentials: the server's version, or
     * why it did not answer (unreachable, refused credentials, another status) in one line.
     */
    static String askApiServer(ContextCluster c) throws ClusterUnavailableException {
        String where = "context " + c.context() + " (" + c.source() + "): ";
        try (KubernetesClient client = KubeClients.fromKubeconfig(c.kubeconfig(), c.context())) {
            HttpClient http = client.getHttpClient();
            String url = client.getMasterUrl().toString().replaceAll("/+$", "") + "/version";
            HttpResponse<String> r = http.sendAsync(http.newHttpRequestBuilder().uri(url).build(), String.class)
                    .get(15, TimeUnit.SECONDS);
            if (r.code() != 200) {
                throw new KubernetesClientException(new StatusBuilder().withCode(r.code())
                        .withMessage(r.code() == 401 ? "Unauthorized" : r.code() + " from GET " + url).build());
            }
            Object version = client.getKubernetesSerialization().unmarshal(r.body(), Map.class).get("gitVersion");
            return version == null ? "(version not given)" : version.toString();
        } catch (KubernetesClientException e) {
            throw new ClusterUnavailableException(where + Failures.apiMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterUnavailableException(where + "interrupted while asking the API server");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ClusterUnavailableException(where + "the Kubernetes API did not answer within 15 s");
        } catch (java.util.concurrent.ExecutionException | IOException | RuntimeException e) {
            throw new ClusterUnavailableException(where + "the Kubernetes API did not answer: " + Failures.rootMessage(e));
        }
    }

    @Override
    public String down(Consumer<String> progress) throws ClusterUnavailableException {
        throw new ClusterUnavailableException("kubelab does not stop or remove a cluster it did not create (" + name()
                + "); its own namespaces there carry app.kubernetes.io/managed-by=kubelab and are deleted when a lesson ends");
    }
}
