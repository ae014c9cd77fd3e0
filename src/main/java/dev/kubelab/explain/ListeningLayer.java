package dev.kubelab.explain;

import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Whether anything in the target pod listens on the port the connection arrives at. */
final class ListeningLayer {

    Finding examine(Scene s) {
        if (s.targetPods.isEmpty() || s.targetPort == 0) {
            return Finding.skipped(Layer.LISTENING, s.targetPods.isEmpty() ? "no target pod to look into"
                    : "the target port is not known");
        }
        Pod pod = s.targetPods.get(0);
        List<String> evidence = new ArrayList<>();
        try {
            // tcp6 is absent where IPv6 is off: cat then fails on it but has printed tcp
            ProcessResult r = s.shell.run(pod, Duration.ofSeconds(5), List.of("cat", "/proc/net/tcp", "/proc/net/tcp6"));
            Set<Integer> listening = ListeningSockets.parse(r.stdout());
            evidence.add("TCP ports listening in pod " + Pods.describe(pod) + " (/proc/net/tcp): "
                    + (listening.isEmpty() ? "none" : listening));
            if (ListeningSockets.loopbackOnly(r.stdout()).contains(s.targetPort)) {
                return Finding.broken(Layer.LISTENING, "pod " + Pods.describe(pod) + " listens on port " + s.targetPort
                        + " only on its loopback address (127.0.0.1 or ::1): other pods cannot connect to it", evidence,
                        "make the app listen on all addresses (0.0.0.0 or ::), not on localhost");
            }
            if (listening.contains(s.targetPort)) {
                return Finding.ok(Layer.LISTENING, "pod " + Pods.describe(pod) + " listens on port " + s.targetPort, evidence);
            }
            return Finding.broken(Layer.LISTENING, "nothing listens on port " + s.targetPort + " in pod " + Pods.describe(pod)
                            + (listening.isEmpty() ? "; nothing listens at all (has the app started?)" : "; it listens on " + listening),
                    evidence, s.service != null && !"None".equals(s.service.getSpec().getClusterIP())
                            ? "point the Service's targetPort at a port the container listens on (or make the app listen on it)"
                            : "connect to a port the pod listens on (or make the app listen on it)");
        } catch (PodShell.CannotRun e) {
            evidence.add(e.getMessage());
            evidence.add("declared containerPorts (a declaration, not proof anything listens): " + declared(pod));
            return Finding.unknown(Layer.LISTENING, "cannot read the listening sockets of pod " + Pods.describe(pod), evidence);
        }
    }

    private static List<Integer> declared(Pod pod) {
        List<Integer> ports = new ArrayList<>();
        for (var c : pod.getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                ports.add(p.getContainerPort());
            }
        }
        return ports;
    }
}
