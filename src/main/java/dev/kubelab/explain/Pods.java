package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.util.Map;
import java.util.stream.Collectors;

/** Small readings of a pod that several layers need. */
final class Pods {

    private Pods() {
    }

    static String describe(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    static boolean running(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase());
    }

    static boolean ready(Pod pod) {
        return running(pod) && readyCondition(pod) != null && "True".equals(readyCondition(pod).getStatus());
    }

    static PodCondition readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst().orElse(null);
    }

    /** Why a pod is not Ready, in the cluster's words where it has them. */
    static String notReadyReason(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "it is being deleted";
        }
        String phase = pod.getStatus() == null ? "Unknown" : pod.getStatus().getPhase();
        if (!"Running".equals(phase)) {
            return "it is " + phase;
        }
        var waiting = pod.getStatus().getContainerStatuses() == null ? null : pod.getStatus().getContainerStatuses().stream()
                .filter(s -> s.getState() != null && s.getState().getWaiting() != null).findFirst().orElse(null);
        if (waiting != null) {
            return "container " + waiting.getName() + " is waiting: " + waiting.getState().getWaiting().getReason();
        }
        boolean probed = pod.getSpec().getContainers().stream().anyMatch(c -> c.getReadinessProbe() != null);
        PodCondition ready = readyCondition(pod);
        String message = ready == null || ready.getMessage() == null ? "" : " (" + ready.getMessage() + ")";
        return (probed ? "its readiness probe is failing" : "it is not Ready") + message;
    }

    static String labels(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return "(no labels)";
        }
        return labels.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}
