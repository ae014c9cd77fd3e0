package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TargetPortTest {

    private static final Pod NO_PORTS = new PodBuilder().withNewMetadata().withName("sidecar-only").endMetadata()
            .withNewSpec().addNewContainer().withName("proxy").endContainer().endSpec().build();
    private static final Pod WEB = new PodBuilder().withNewMetadata().withName("web-0").endMetadata().withNewSpec()
            .addNewContainer().withName("proxy").addNewPort().withName("admin").withContainerPort(15000).endPort().endContainer()
            .addNewContainer().withName("app").addNewPort().withName("metrics").withContainerPort(9090).endPort()
            .addNewPort().withName("http").withContainerPort(8080).endPort().endContainer().endSpec().build();

    @Test
    void aNumberIsItself() {
        assertEquals(8080, TargetPort.resolve(new IntOrString(8080), List.of()));
    }

    @Test
    void aNameIsLookedUpInEveryContainer() {
        assertEquals(8080, TargetPort.resolve(new IntOrString("http"), List.of(NO_PORTS, WEB)));
        assertEquals(15000, TargetPort.resolve(new IntOrString("admin"), List.of(WEB)));
    }

    @Test
    void aNameNoContainerDeclaresIsZero() {
        assertEquals(0, TargetPort.resolve(new IntOrString("https"), List.of(NO_PORTS, WEB)));
        assertEquals(0, TargetPort.resolve(new IntOrString("http"), List.of()));
    }
}
