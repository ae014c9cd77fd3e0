package dev.kubelab.explain;

import dev.kubelab.kube.ProcessResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * What the layers learn on the way, for the layers after them: the client, its resolver, the DNS
 * answer, the Service and port, the pods behind it. Each layer reads what earlier ones found.
 */
final class Scene {

    final KubernetesClient api;
    final PodShell shell;
    final Destination to;
    final Pod clientPod;

    /** The connection attempt, started first because it may take its whole timeout. */
    Future<ProcessResult> attempt;

    ResolverConfig resolver;
    /** The addresses the client's resolver gave (the host itself when it is an IP); empty when it resolved nothing. */
    List<String> addresses = new ArrayList<>();
    /** The DNS layer decided the name does not resolve: later layers work from what the name says. */
    boolean nameUnresolved;
    /** The in-cluster object the name or IP points at, when known. */
    ServiceName named;

    Service service;
    ServicePort servicePort;
    /** Pods the connection would reach: a Service's ready endpoints, or the one pod an IP or headless name is. */
    List<Pod> targetPods = new ArrayList<>();
    /** The port on the pods (the Service's targetPort, resolved); 0 when not known. */
    int targetPort;

    Scene(KubernetesClient api, Destination to, Pod clientPod) {
        this.api = api;
        this.shell = new PodShell(api);
        this.to = to;
        this.clientPod = clientPod;
    }

    String clientNamespace() {
        return clientPod.getMetadata().getNamespace();
    }

    /** An API read the learner's account may not be allowed: forbidden becomes {@link Unreadable}. */
    <T> T read(String what, Supplier<T> read) throws Unreadable {
        try {
            return read.get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403 || e.getCode() == 401) {
                throw new Unreadable("cannot read " + what + ": your account is not allowed to");
            }
            throw e;
        }
    }

    /** A read this account may not make: the layer says so instead of guessing. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }
}
