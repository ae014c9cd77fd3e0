package dev.kubelab.probe;

import dev.kubelab.kube.Kubectl;
import dev.kubelab.kube.PodExec;
import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Probes against a real cluster: the fabric8 client for reads and exec, kubectl for JSONPath. */
public final class LiveProbes implements Prober {

    private final KubernetesClient client;
    private final Kubectl kubectl;
    private final Supplier<List<String>> stepHistory;

    public LiveProbes(KubernetesClient client, Kubectl kubectl, Supplier<List<String>> stepHistory) {
        this.client = client;
        this.kubectl = kubectl;
        this.stepHistory = stepHistory;
    }

    @Override
    public Observation observe(ProbeSpec spec) throws ProbeException {
        try {
            return switchOn(spec);
        } catch (KubernetesClientException e) {
            throw new ProbeException(ProbeException.Kind.API_UNREACHABLE, dev.kubelab.kube.Failures.apiMessage(e), e);
        }
    }

    private Observation switchOn(ProbeSpec spec) throws ProbeException {
        if (spec instanceof ProbeSpec.PodIps p) {
            List<String> ips = new ArrayList<>(new TreeSet<>(runningPods(p.namespace(), p.selector()).stream()
                    .map(pod -> pod.getStatus().getPodIP()).filter(ip -> ip != null && !ip.isEmpty()).toList()));
            return new Observation(spec, ips, "pods matching " + p.selector() + " in " + p.namespace() + " have IPs " + ips);
        } else if (spec instanceof ProbeSpec.ServiceField p) {
            return serviceField(p);
        } else if (spec instanceof ProbeSpec.EndpointAddresses p) {
            return endpoints(p);
        } else if (spec instanceof ProbeSpec.DnsLookup p) {
            return dns(p);
        } else if (spec instanceof ProbeSpec.DnsQueries p) {
            Pod pod = resolvePod(p.from());
            ProcessResult r = exec(p.from(), pod, 10, List.of("dig", "+search", "+showsearch", "+noall", "+comments", "+question",
                    "+time=2", "+tries=1", p.name()));
            List<String> asked = OutputParsers.digQueries(r.stdout());
            if (asked.isEmpty()) {
                throw new ProbeException(ProbeException.Kind.OTHER, "`dig +search " + p.name() + "` in " + where(pod)
                        + " showed no query" + tail(r));
            }
            return new Observation(spec, (long) asked.size(), "`dig +search +showsearch " + p.name() + "` in pod " + where(pod)
                    + " asked " + asked.size() + ": " + String.join(", ", asked));
        } else if (spec instanceof ProbeSpec.TcpConnect t) {
            Attempt a = attempt(t);
            boolean open = a.result() == TcpAttempt.Result.CONNECTED;
            return new Observation(spec, open, a.how() + (open ? " connected"
                    : " failed: " + a.result().word() + " (exit " + a.run().exitCode() + ")" + tail(a.run())));
        } else if (spec instanceof ProbeSpec.TcpResult t) {
            Attempt a = attempt(new ProbeSpec.TcpConnect(t.from(), t.host(), t.port(), t.timeoutSeconds()));
            return new Observation(spec, a.result().word(), a.how() + ": " + a.result().word() + " after "
                    + a.run().took().toMillis() + " ms" + tail(a.run()));
        } else if (spec instanceof ProbeSpec.HttpGet p) {
            Pod pod = resolvePod(p.from());
            ProcessResult r = exec(p.from(), pod, p.timeoutSeconds(), httpArgv(p.url(), p.timeoutSeconds()));
            long status = OutputParsers.httpStatus(r.combined());
            return new Observation(spec, status, "`wget " + p.url() + "` in pod " + where(pod) + " got "
                    + (status == 0 ? "no HTTP answer" + tail(r) : "HTTP " + status));
        } else if (spec instanceof ProbeSpec.HttpBody p) {
            Pod pod = resolvePod(p.from());
            ProcessResult r = exec(p.from(), pod, p.timeoutSeconds(), bodyArgv(p.url(), p.timeoutSeconds()));
            String who = r.exitCode() == 0 ? OutputParsers.firstLine(r.stdout()) : "";
            return new Observation(spec, who, "`wget -O - " + p.url() + "` in pod " + where(pod)
                    + (who.isEmpty() ? " got no HTTP answer" + tail(r) : " was answered by \"" + who + "\""));
        } else if (spec instanceof ProbeSpec.HttpBodies p) {
            Pod pod = resolvePod(p.from());
            int n = Math.max(1, p.requests());
            ProcessResult r = exec(p.from(), pod, n * (p.timeoutSeconds() + 1), List.of("sh", "-c", BODIES_SCRIPT, p.url(),
                    String.valueOf(n), String.valueOf(p.timeoutSeconds())));
            List<String> who = OutputParsers.bodies(r.stdout());
            return new Observation(spec, who, n + " GETs of " + p.url() + " from pod " + where(pod)
                    + (who.isEmpty() ? ": no HTTP answer" + tail(r) : ": answered by " + String.join(", ", who)));
        } else if (spec instanceof ProbeSpec.Ping p) {
            Pod pod = resolvePod(p.from());
            ProcessResult r = exec(p.from(), pod, p.timeoutSeconds(), pingArgv(p.host(), p.timeoutSeconds()));
            boolean answered = r.exitCode() == 0;
            return new Observation(spec, answered, "`ping -c 1 -W " + p.timeoutSeconds() + " " + p.host() + "` in pod " + where(pod)
                    + (answered ? " got an echo reply" : " got no reply" + (r.timedOut() ? " (timed out)" : " (exit " + r.exitCode() + ")")
                    + tail(r)));
        } else if (spec instanceof ProbeSpec.ResolvConf p) {
            Pod pod = resolvePod(p.from());
            ProcessResult r = exec(p.from(), pod, 5, List.of("cat", "/etc/resolv.conf"));
            if (r.exitCode() != 0) {
                throw new ProbeException(ProbeException.Kind.OTHER, "cannot read /etc/resolv.conf in " + where(pod) + tail(r));
            }
            Map<String, Object> parsed = OutputParsers.resolvConf(r.stdout());
            Object value = p.field() == null ? r.stdout().strip() : parsed.get(p.field());
            return new Observation(spec, value, "/etc/resolv.conf in pod " + where(pod) + ": "
                    + r.stdout().strip().replace("\n", " | "));
        } else if (spec instanceof ProbeSpec.LocalPort p) {
            String host = "lan".equals(p.address()) ? lanAddress() : "127.0.0.1";
            boolean open = portAnswers(host, Integer.parseInt(p.port()));
            return new Observation(spec, open, host + ":" + p.port() + (open ? " accepted a connection" : " refused"));
        } else if (spec instanceof ProbeSpec.LocalHttp p) {
            List<String> bodies = localHttpBodies(Integer.parseInt(p.port()), p.path(), p.requests());
            return new Observation(spec, bodies, p.describe() + (bodies.isEmpty() ? ": no HTTP answer"
                    : ": " + (bodies.size() == 1 ? "every answer was " : "answers were ") + String.join(", ", bodies)));
        } else if (spec instanceof ProbeSpec.ObjectExists p) {
            ProcessResult r = kubectlGet(p.kind(), p.namespace(), p.name(), "-o", "name", "--ignore-not-found");
            boolean exists = r.exitCode() == 0 && !r.stdout().isBlank();
            if (r.exitCode() != 0) {
                throw new ProbeException(ProbeException.Kind.API_UNREACHABLE, "kubectl get failed: " + r.combined());
            }
            return new Observation(spec, exists, spec.describe() + ": " + (exists ? "yes" : "no"));
        } else if (spec instanceof ProbeSpec.JsonPathValue p) {
            ProcessResult r = kubectlGet(p.kind(), p.namespace(), p.name(), "-o", "jsonpath=" + p.path());
            if (r.exitCode() != 0) {
                if (r.stderr().contains("NotFound") || r.stderr().contains("not found")) {
                    return new Observation(spec, "", p.kind() + " " + p.name() + " does not exist");
                }
                throw new ProbeException(ProbeException.Kind.API_UNREACHABLE, "kubectl get failed: " + r.combined());
            }
            return new Observation(spec, r.stdout().strip(), "kubectl get " + p.kind() + " " + p.name()
                    + " -o jsonpath='" + p.path() + "' printed \"" + r.stdout().strip() + "\"");
        } else if (spec instanceof ProbeSpec.CommandRan p) {
            Pattern pattern = Pattern.compile(p.pattern());
            List<String> history = stepHistory.get();
            String match = history.stream().filter(c -> pattern.matcher(c).find()).findFirst().orElse(null);
            return new Observation(spec, match != null, match != null ? "you ran: " + match
                    : "none of the " + history.size() + " commands run in this step matches /" + p.pattern() + "/");
        } else if (spec instanceof ProbeSpec.PodCidrs) {
            List<String> cidrs = new ArrayList<>();
            for (Node n : client.nodes().list().getItems()) {
                if (n.getSpec().getPodCIDRs() != null) {
                    cidrs.addAll(n.getSpec().getPodCIDRs());
                }
            }
            return new Observation(spec, cidrs, "nodes' spec.podCIDRs: " + cidrs);
        } else if (spec instanceof ProbeSpec.Literal p) {
            return new Observation(spec, p.value(), "fixed by the lesson: " + p.value());
        }
        throw new ProbeException(ProbeException.Kind.BAD_SPEC, "unknown probe " + spec);
    }

    private Observation serviceField(ProbeSpec.ServiceField p) throws ProbeException {
        Service svc = client.services().inNamespace(p.namespace()).withName(p.name()).get();
        if (svc == null) {
            return new Observation(p, p.field().equals("clusterIP") ? "" : List.of(),
                    "Service " + p.namespace() + "/" + p.name() + " does not exist");
        }
        List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        Object value = switch (p.field()) {
            case "clusterIP" -> svc.getSpec().getClusterIP();
            case "type" -> svc.getSpec().getType();
            case "ports" -> ports.stream().map(sp -> String.valueOf(sp.getPort())).toList();
            case "targetPorts" -> ports.stream().map(sp -> sp.getTargetPort() == null ? String.valueOf(sp.getPort())
                    : sp.getTargetPort().getIntVal() != null ? String.valueOf(sp.getTargetPort().getIntVal())
                    : sp.getTargetPort().getStrVal()).toList();
            case "selector" -> svc.getSpec().getSelector() == null ? List.of()
                    : svc.getSpec().getSelector().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
            default -> throw new ProbeException(ProbeException.Kind.BAD_SPEC, "unknown Service field " + p.field());
        };
        return new Observation(p, value, p.field() + " of Service " + p.namespace() + "/" + p.name() + " is " + value);
    }

    private Observation endpoints(ProbeSpec.EndpointAddresses p) {
        TreeSet<String> ips = new TreeSet<>();
        List<EndpointSlice> slices = client.discovery().v1().endpointSlices().inNamespace(p.namespace())
                .withLabel("kubernetes.io/service-name", p.service()).list().getItems();
        for (EndpointSlice slice : slices) {
            for (Endpoint ep : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                boolean ready = ep.getConditions() == null || !Boolean.FALSE.equals(ep.getConditions().getReady());
                if (ready) {
                    ips.addAll(ep.getAddresses());
                }
            }
        }
        List<String> value = new ArrayList<>(ips);
        return new Observation(p, value, "EndpointSlices of Service " + p.namespace() + "/" + p.service()
                + (value.isEmpty() ? " list no ready address" : " list " + value));
    }

    private Observation dns(ProbeSpec.DnsLookup p) throws ProbeException {
        Pod pod = resolvePod(p.from());
        List<String> argv = p.resolver() == Resolver.GETENT
                ? List.of("getent", "hosts", p.name()) : List.of("nslookup", p.name());
        ProcessResult r = exec(p.from(), pod, 8, argv);
        if (r.timedOut()) {
            throw new ProbeException(ProbeException.Kind.TIMEOUT, "`" + String.join(" ", argv) + "` in " + where(pod) + " timed out");
        }
        List<String> ips = p.resolver() == Resolver.GETENT ? OutputParsers.getentHosts(r.stdout())
                : OutputParsers.nslookup(r.stdout());
        String how = "`" + String.join(" ", argv) + "` in pod " + where(pod);
        return new Observation(p, ips, ips.isEmpty()
                ? how + " found no address (exit " + r.exitCode() + ")" + tail(r)
                : how + " returned " + String.join(", ", ips));
    }

    /** One TCP connection attempt from the probe's pod: how it was made, what ran, how it ended. */
    private record Attempt(String how, ProcessResult run, TcpAttempt.Result result) {
    }

    private Attempt attempt(ProbeSpec.TcpConnect t) throws ProbeException {
        ProbeSpec.TcpConnect p = OutputParsers.hostPort(t);
        Pod pod = resolvePod(p.from());
        ProcessResult r = exec(p.from(), pod, p.timeoutSeconds() + 1, TcpAttempt.argv(p.host(), p.port(), p.timeoutSeconds()));
        return new Attempt("`nc " + p.host() + " " + p.port() + "` in pod " + where(pod), r, TcpAttempt.classify(r, p.timeoutSeconds()));
    }

    private ProcessResult exec(PodRef ref, Pod pod, int timeoutSeconds, List<String> argv) throws ProbeException {
        try {
            ProcessResult r = PodExec.exec(client, pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                    ref.container(), Duration.ofSeconds(timeoutSeconds + 5L), argv);
            if (r.exitCode() == 126 || r.exitCode() == 127 || r.combined().contains("executable file not found")) {
                throw new ProbeException(ProbeException.Kind.TOOL_MISSING, "`" + argv.get(0) + "` is not available in pod "
                        + where(pod) + "; the lesson must run this probe in a pod whose image has it");
            }
            java.util.Optional<String> failed = r.exitCode() == 0 ? java.util.Optional.empty() : OutputParsers.toolFailure(r.combined());
            if (failed.isPresent()) {
                throw new ProbeException(ProbeException.Kind.TOOL_FAILED, "`" + String.join(" ", argv) + "` could not run in pod "
                        + where(pod) + " (" + failed.get() + "): that is no answer, so this cannot be graded here");
            }
            return r;
        } catch (ExecutionException e) {
            throw new ProbeException(ProbeException.Kind.OTHER, "exec into " + where(pod) + " failed: " + shortMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProbeException(ProbeException.Kind.TIMEOUT, "interrupted");
        }
    }

    /** The pod named, or the first Running, not-terminating pod matching the selector (by name). */
    public Pod resolvePod(PodRef ref) throws ProbeException {
        if (ref.pod() != null) {
            Pod pod = client.pods().inNamespace(ref.namespace()).withName(ref.pod()).get();
            if (pod == null || !isRunning(pod)) {
                throw new ProbeException(ProbeException.Kind.POD_MISSING, "pod " + ref.describe()
                        + (pod == null ? " does not exist" : " is not running (" + pod.getStatus().getPhase() + ")"));
            }
            return pod;
        }
        List<Pod> pods = runningPods(ref.namespace(), ref.selector());
        if (pods.isEmpty()) {
            throw new ProbeException(ProbeException.Kind.POD_MISSING, "no running pod matches "
                    + ref.selector() + " in namespace " + ref.namespace());
        }
        return pods.get(0);
    }

    private List<Pod> runningPods(String namespace, String selector) {
        var pods = client.pods().inNamespace(namespace);
        List<Pod> items = (selector == null || selector.isBlank() ? pods.list() : pods.withLabelSelector(selector).list()).getItems();
        return items.stream().filter(LiveProbes::isRunning)
                .sorted(Comparator.comparing(pod -> pod.getMetadata().getName())).toList();
    }

    private static boolean isRunning(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase());
    }

    private ProcessResult kubectlGet(String kind, String namespace, String name, String... extra) throws ProbeException {
        List<String> args = new ArrayList<>(List.of("get", kind, name));
        if (namespace != null) {
            args.add("-n");
            args.add(namespace);
        }
        args.addAll(List.of(extra));
        try {
            return kubectl.run(args, null, Duration.ofSeconds(15), null, null);
        } catch (IOException e) {
            throw new ProbeException(ProbeException.Kind.TOOL_MISSING, e.getMessage(), e);
        }
    }

    /**
     * {@code wget -S} bounded by {@code timeout}, not by wget's own {@code -T}: busybox 1.35's wget
     * (Debian bookworm's busybox-static, the local cluster's images) dies with SIGSEGV on {@code -T}.
     */
    static List<String> httpArgv(String url, int timeoutSeconds) {
        return List.of("timeout", String.valueOf(timeoutSeconds), "wget", "-S", "-O", "/dev/null", url);
    }

    /** The body of a GET (who answered), bounded the same way. */
    static List<String> bodyArgv(String url, int timeoutSeconds) {
        return List.of("timeout", String.valueOf(timeoutSeconds), "wget", "-q", "-O", "-", url);
    }

    /** GET the URL ($0) $1 times, each bounded by $2 seconds, each body followed by a separator line. */
    static final String BODIES_SCRIPT = """
            i=0
            while [ $i -lt "$1" ]; do timeout "$2" wget -q -O - "$0"; echo; echo "@@"; i=$((i+1)); done
            """;

    /** One ICMP echo request; busybox and iputils ping both take {@code -c} and {@code -W}. */
    static List<String> pingArgv(String host, int timeoutSeconds) {
        return List.of("ping", "-c", "1", "-W", String.valueOf(timeoutSeconds), host);
    }

    /** Distinct trimmed bodies of {@code requests} sequential GETs (each a new connection); failures add nothing. */
    static List<String> localHttpBodies(int port, String path, int requests) {
        java.util.LinkedHashSet<String> bodies = new java.util.LinkedHashSet<>();
        for (int i = 0; i < Math.max(1, requests); i++) {
            try {
                java.net.HttpURLConnection c = (java.net.HttpURLConnection)
                        java.net.URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
                c.setConnectTimeout(2000);
                c.setReadTimeout(3000);
                c.setRequestProperty("Connection", "close");
                c.setUseCaches(false);
                try (var in = c.getInputStream()) {
                    String body = new String(in.readNBytes(4096), java.nio.charset.StandardCharsets.UTF_8).strip();
                    bodies.add(body);
                } finally {
                    c.disconnect();
                }
            } catch (IOException | IllegalArgumentException e) {
                // no answer from this request: it contributes nothing
            }
        }
        return List.copyOf(bodies);
    }

    static boolean localPortAnswers(int port) {
        return portAnswers("127.0.0.1", port);
    }

    /** This machine's first non-loopback IPv4 address on an interface that is up. */
    static String lanAddress() throws ProbeException {
        try {
            for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                try {
                    if (!nif.isUp() || nif.isLoopback()) {
                        continue;
                    }
                } catch (java.net.SocketException gone) {
                    continue; // an interface that vanished while we looked (a pod's veth being deleted)
                }
                for (var a : java.util.Collections.list(nif.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (java.net.SocketException e) {
            throw new ProbeException(ProbeException.Kind.OTHER, "cannot list this machine's network interfaces: " + e.getMessage());
        }
        throw new ProbeException(ProbeException.Kind.OTHER, "this machine has no non-loopback IPv4 address to try");
    }

    static boolean portAnswers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String where(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String tail(ProcessResult r) {
        String text = r.combined();
        if (text.isEmpty()) {
            return "";
        }
        String[] lines = text.split("\n");
        return ": " + lines[lines.length - 1].strip();
    }

    private static String shortMessage(Throwable e) {
        String m = dev.kubelab.kube.Failures.rootMessage(e);
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
