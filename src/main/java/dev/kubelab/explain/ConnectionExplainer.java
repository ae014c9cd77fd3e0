package dev.kubelab.explain;

import dev.kubelab.kube.Failures;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Explains one connection layer by layer from the live cluster, in the order a packet meets the
 * layers: resolv.conf, DNS, Service, endpoints, the listening port, NetworkPolicy, the connection.
 * Every layer is read even after a broken one, so the learner sees the whole path.
 */
public final class ConnectionExplainer {

    private static final ExecutorService ATTEMPTS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kubelab-explain");
        t.setDaemon(true);
        return t;
    });

    private final KubernetesClient api;
    private final Path proc;

    public ConnectionExplainer(KubernetesClient api) {
        this(api, Path.of("/proc"));
    }

    ConnectionExplainer(KubernetesClient api, Path proc) {
        this.api = api;
        this.proc = proc;
    }

    /** Parses FROM and TO as the learner writes them (see {@link Origin#parse} and {@link Destination#parse}). */
    public Explanation explain(String from, String to, String defaultNamespace) throws ExplainException {
        Destination dest;
        Origin origin;
        try {
            dest = Destination.parse(to);
            origin = from == null || from.isBlank() ? dest.isThisMachine() ? new Origin.ThisMachine() : null
                    : Origin.parse(from, defaultNamespace);
        } catch (IllegalArgumentException e) {
            throw new ExplainException(e.getMessage());
        }
        if (origin == null) {
            throw new ExplainException("say where the connection starts: a pod (NAMESPACE/POD, NAMESPACE/deploy/NAME, "
                    + "NAMESPACE/LABEL=VALUE), or local for this machine");
        }
        return explain(origin, dest);
    }

    public Explanation explain(Origin from, Destination to) throws ExplainException {
        long t0 = System.nanoTime();
        try {
            List<Finding> findings = from instanceof Origin.InPod p ? inPod(p, to) : new PortForwardLayer(api, proc).examine(to);
            return new Explanation(from.describe(), to.written(), findings, Duration.ofNanos(System.nanoTime() - t0));
        } catch (KubernetesClientException e) {
            throw new ExplainException((e.getCode() == 403 || e.getCode() == 401 ? "the API server refused: "
                    : "the API server did not answer: ") + Failures.apiMessage(e));
        }
    }

    private List<Finding> inPod(Origin.InPod from, Destination to) throws ExplainException {
        if (to.isThisMachine()) {
            throw new ExplainException(to.host() + " inside a pod is the pod itself; for a port-forward on this machine, "
                    + "explain from local");
        }
        Pod client = clientPod(from);
        Scene s = new Scene(api, to, client);
        ConnectionLayer connection = new ConnectionLayer();
        connection.start(s, ATTEMPTS);
        List<Finding> out = new ArrayList<>(new DnsLayer().examine(s));
        out.add(new ServiceLayer().examine(s));
        out.add(new EndpointsLayer().examine(s));
        out.add(new ListeningLayer().examine(s));
        out.add(new PolicyLayer().examine(s));
        out.add(connection.judge(s, out));
        return crossCheck(out);
    }

    /**
     * Policy computed from the objects and the connection observed must agree: a policy that denies
     * while the connection went through means no enforcer, or one that fails open.
     */
    static List<Finding> crossCheck(List<Finding> findings) {
        Finding policy = findings.stream().filter(f -> f.layer() == Layer.POLICY).findFirst().orElse(null);
        Finding conn = findings.stream().filter(f -> f.layer() == Layer.CONNECTION).findFirst().orElse(null);
        if (policy == null || conn == null || policy.status() != Finding.Status.BROKEN || conn.status() != Finding.Status.OK) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings);
        List<String> evidence = new ArrayList<>(policy.evidence());
        out.set(out.indexOf(policy), Finding.warning(Layer.POLICY, "the NetworkPolicies deny this (" + policy.summary()
                + "), yet the connection went through: this cluster does not enforce them (no enforcer, or one that fails open)", evidence));
        return out;
    }

    private Pod clientPod(Origin.InPod from) throws ExplainException {
        var ref = from.ref();
        String ns = ref.namespace();
        if (from.deployment() != null) {
            Deployment d = api.apps().deployments().inNamespace(ns).withName(from.deployment()).get();
            if (d == null) {
                throw new ExplainException("no Deployment " + from.deployment() + " in namespace " + ns);
            }
            return firstRunning(api.pods().inNamespace(ns).withLabelSelector(d.getSpec().getSelector()).list().getItems(),
                    "no running pod of Deployment " + ns + "/" + from.deployment());
        }
        if (ref.pod() != null) {
            Pod pod = api.pods().inNamespace(ns).withName(ref.pod()).get();
            if (pod == null) {
                throw new ExplainException("no pod " + ref.pod() + " in namespace " + ns);
            }
            if (!Pods.running(pod)) {
                throw new ExplainException("pod " + ns + "/" + ref.pod() + " is not running (" + Pods.notReadyReason(pod)
                        + "): a connection needs a running client");
            }
            return pod;
        }
        return firstRunning(api.pods().inNamespace(ns).withLabelSelector(ref.selector()).list().getItems(),
                "no running pod matches " + ref.selector() + " in namespace " + ns);
    }

    private static Pod firstRunning(List<Pod> pods, String none) throws ExplainException {
        return pods.stream().filter(Pods::running).min(Comparator.comparing(p -> p.getMetadata().getName()))
                .orElseThrow(() -> new ExplainException(none));
    }
}
