package dev.kubelab.cluster;

import com.dajudge.kindcontainer.KindContainer;
import com.dajudge.kindcontainer.KindContainerVersion;
import com.dajudge.kindcontainer.KubernetesImageSpec;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.TestcontainersConfiguration;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The only class that touches Testcontainers: creates (or re-attaches to) kubelab's kind node
 * through kindcontainer. Loaded only when the kind backend has to start, so every other verb
 * starts without Testcontainers' class graph or its Docker discovery.
 */
final class KindStarter {

    /** Pinned: kindcontainer's newest node image (kindest/node:v1.34.0). */
    static final KindContainerVersion VERSION = KindContainerVersion.VERSION_1_34_0;

    record Started(String containerId, String kubeconfig) {
    }

    private KindStarter() {
    }

    static Started start(Consumer<String> progress) throws ClusterUnavailableException {
        // reuse keeps the node running between sessions; set in memory, never written to ~/.testcontainers.properties
        TestcontainersConfiguration.getInstance().getUserProperties().setProperty("testcontainers.reuse.enable", "true");
        KubernetesImageSpec<KindContainerVersion> spec = VERSION.toImageSpec();
        DockerImageName image = spec.getImage();
        long t0 = System.nanoTime();
        String phase = "connecting Testcontainers to Docker";
        try {
            DockerClient docker = DockerClientFactory.instance().client();
            phase = "pulling " + image.asCanonicalNameString();
            pull(docker, image, progress);
            phase = "starting the node";
            progress.accept("starting the kind node (kubeadm init, CNI, node ready; about a minute the first time)");
            Thread ticker = ticker(progress, t0);
            KindContainer<?> node = new KindContainer<>(spec)
                    .withServiceSubnet("10.96.0.0/16")
                    .withPodSubnet("10.244.0.0/16")
                    .withNodeReadyTimeout(Duration.ofMinutes(5))
                    .withLabel(DockerEngine.BACKEND_LABEL, KindBackend.LABEL_VALUE)
                    .withLabel("app.kubernetes.io/managed-by", "kubelab");
            node.withReuse(true, "kubelab");
            try {
                node.start(); // never stop(): a reused node stays up until `kubelab cluster down`
            } finally {
                ticker.interrupt();
            }
            progress.accept(String.format("kind node ready in %.1f s", (System.nanoTime() - t0) / 1e9));
            return new Started(node.getContainerId(), node.getKubeconfig());
        } catch (RuntimeException e) {
            throw new ClusterUnavailableException("the kind node did not start (" + phase + "): " + rootMessage(e)
                    + (phase.equals("starting the node") ? hint(e) : ""));
        }
    }

    private static void pull(DockerClient docker, DockerImageName image, Consumer<String> progress) {
        String ref = image.asCanonicalNameString();
        try {
            docker.inspectImageCmd(ref).exec();
            progress.accept("node image " + ref + " is present");
            return;
        } catch (NotFoundException e) {
            progress.accept("pulling node image " + ref + " (once; about 500 MB)");
        }
        PullProgress bar = new PullProgress(image.getRepository() + ":" + image.getVersionPart(), progress);
        try {
            docker.pullImageCmd(image.getUnversionedPart()).withTag(image.getVersionPart())
                    .exec(new ResultCallback.Adapter<PullResponseItem>() {
                        @Override
                        public void onNext(PullResponseItem item) {
                            var d = item.getProgressDetail();
                            bar.event(item.getId(), item.getStatus(), d == null ? null : d.getCurrent(), d == null ? null : d.getTotal());
                        }
                    }).awaitCompletion(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pulling " + ref);
        }
        progress.accept(bar.line());
    }

    private static Thread ticker(Consumer<String> progress, long t0) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(15_000);
                    progress.accept(String.format("  still starting (%.0f s)", (System.nanoTime() - t0) / 1e9));
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "kubelab-kind-progress");
        t.setDaemon(true);
        t.start();
        return t;
    }

    static String rootMessage(Throwable e) {
        String m = dev.kubelab.kube.Failures.rootMessage(e);
        // docker-java: Status 500: {"message":"Get \"https://...\": dial tcp: ..."}
        java.util.regex.Matcher api = java.util.regex.Pattern.compile("Status (\\d+): \\{\"message\":\"(.*)\"\\}", java.util.regex.Pattern.DOTALL)
                .matcher(m.strip());
        if (api.matches()) {
            m = api.group(2).replace("\\\"", "\"") + " (Docker API " + api.group(1) + ")";
        }
        return m.lines().filter(l -> !l.isBlank()).findFirst().orElse(m).strip();
    }

    private static String hint(Throwable e) {
        String all = String.valueOf(e) + (e.getCause() == null ? "" : e.getCause());
        if (all.contains("caps") || all.contains("privileged")) {
            return " (kind needs privileged containers; this Docker refuses them: use --cluster local)";
        }
        return " (details: docker logs of the container labelled " + DockerEngine.BACKEND_LABEL + "=kind)";
    }
}
