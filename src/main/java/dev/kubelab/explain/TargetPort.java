package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/** A Service's targetPort as a number: itself, or a named container port looked up on the pods. */
final class TargetPort {

    private TargetPort() {
    }

    /** 0 when a name matches no container port of the pods. */
    static int resolve(IntOrString target, List<Pod> pods) {
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        for (Pod pod : pods) {
            for (var c : pod.getSpec().getContainers()) {
                for (var p : c.getPorts() == null ? List.<io.fabric8.kubernetes.api.model.ContainerPort>of() : c.getPorts()) {
                    if (target.getStrVal().equals(p.getName())) {
                        return p.getContainerPort();
                    }
                }
            }
        }
        return 0;
    }
}
