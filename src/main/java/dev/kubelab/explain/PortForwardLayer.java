package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A connection from this machine through {@code kubectl port-forward}: is a forward running for
 * the port, is the one pod it is tied to still there, and does a connection get through it.
 */
final class PortForwardLayer {

    private final KubernetesClient api;
    private final Path proc;

    PortForwardLayer(KubernetesClient api, Path proc) {
        this.api = api;
        this.proc = proc;
    }

    List<Finding> examine(Destination to) {
        List<Finding> out = new ArrayList<>();
        PortForwards.Forward forward = PortForwards.running(proc).stream()
                .filter(f -> f.remoteFor(to.port()) != null).findFirst().orElse(null);
        LocalAttempt attempt = LocalAttempt.of(to.host(), to.port());
        Finding pf = forward == null ? noForward(to, attempt) : forward(forward, to);
        Finding conn = attempt.finding(to);
        if (pf.status() == Finding.Status.BROKEN && conn.status() == Finding.Status.OK) {
            // a pod deleted from the API can still answer for a moment while its containers stop
            conn = Finding.warning(Layer.CONNECTION, "answered, though the pod is already deleted: its container is still "
                    + "shutting down, and the forward will fail when it is gone", conn.evidence());
        }
        out.add(pf);
        out.add(conn);
        return out;
    }

    private Finding noForward(Destination to, LocalAttempt attempt) {
        if (attempt.accepted) {
            return Finding.warning(Layer.PORT_FORWARD, "something listens on " + to.hostPort() + ", but it is not a kubectl "
                    + "port-forward this machine shows", List.of());
        }
        return Finding.broken(Layer.PORT_FORWARD, "nothing listens on " + to.hostPort() + ": no kubectl port-forward runs for port "
                        + to.port() + " (a port-forward ends when its pod is deleted or its connection drops)", List.of(),
                "start the port-forward again; to a Service or Deployment it picks a current pod");
    }

    private Finding forward(PortForwards.Forward f, Destination to) {
        List<String> evidence = List.of("pid " + f.pid() + ": " + f.commandLine());
        String[] kindName = f.resource().split("/", 2);
        String kind = kindName[0].toLowerCase(java.util.Locale.ROOT);
        if (!kind.startsWith("pod") && !kind.equals("po")) {
            return Finding.ok(Layer.PORT_FORWARD, "kubectl port-forward " + f.resource() + " -n " + f.namespace() + " forwards "
                    + to.port() + " to " + f.remoteFor(to.port()) + " on the one pod it picked when it started", evidence);
        }
        Pod pod = api.pods().inNamespace(f.namespace()).withName(kindName[1]).get();
        if (pod == null || !Pods.running(pod)) {
            return Finding.broken(Layer.PORT_FORWARD, "the forward's pod " + f.namespace() + "/" + kindName[1] + " is "
                            + (pod == null ? "gone" : "not running (" + Pods.notReadyReason(pod) + ")")
                            + ": a port-forward is tied to one pod and does not follow its replacement", evidence,
                    "start the port-forward again, to a Service or Deployment rather than a pod name");
        }
        return Finding.ok(Layer.PORT_FORWARD, "kubectl port-forward (pid " + f.pid() + ") forwards " + to.port() + " to port "
                + f.remoteFor(to.port()) + " of pod " + Pods.describe(pod), evidence);
    }

    /**
     * One TCP connection to this machine's port with a one-line HTTP request on it, and what came back:
     * kubectl accepts every local connection itself, so only an answer proves the pod behind it answered.
     */
    private record LocalAttempt(boolean accepted, Boolean answered, String firstLine, long millis, String error) {

        private static final byte[] HEAD = "HEAD / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        static LocalAttempt of(String host, int port) {
            long t0 = System.nanoTime();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), 1000);
                socket.setSoTimeout(1500);
                try {
                    socket.getOutputStream().write(HEAD);
                    byte[] buf = new byte[256];
                    int n = socket.getInputStream().read(buf);
                    if (n < 0) {
                        return new LocalAttempt(true, false, null, ms(t0), "closed before any data");
                    }
                    String first = new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
                    return new LocalAttempt(true, true, first.strip(), ms(t0), null);
                } catch (SocketTimeoutException quiet) {
                    return new LocalAttempt(true, null, null, ms(t0), "no answer in 1.5 s");
                } catch (IOException reset) {
                    return new LocalAttempt(true, false, null, ms(t0), reset.getMessage());
                }
            } catch (IOException e) {
                return new LocalAttempt(false, false, null, ms(t0), e.getMessage());
            }
        }

        private static long ms(long t0) {
            return (System.nanoTime() - t0) / 1_000_000;
        }

        Finding finding(Destination to) {
            List<String> evidence = List.of("TCP connect to " + to.hostPort() + " from this machine and a HEAD request: "
                    + (!accepted ? "failed (" + error + ")" : Boolean.TRUE.equals(answered) ? "answered \"" + firstLine + "\""
                    : "accepted, then " + error) + " in " + millis + " ms");
            if (!accepted) {
                return Finding.broken(Layer.CONNECTION, "refused: nothing listens on " + to.hostPort(), evidence, null);
            }
            if (Boolean.FALSE.equals(answered)) {
                return Finding.broken(Layer.CONNECTION, "the forward accepted the connection and dropped it: it could not reach its pod",
                        evidence, null);
            }
            if (answered == null) {
                return Finding.warning(Layer.CONNECTION, "the forward accepted the connection but nothing answered in 1.5 s "
                        + "(a dead pod behind it, or a server that does not speak HTTP)", evidence);
            }
            return Finding.ok(Layer.CONNECTION, "connected to " + to.hostPort() + " through the forward, and the server answered",
                    evidence);
        }
    }
}
