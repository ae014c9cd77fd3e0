package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Service's EndpointSlices: which pods are ready behind it, and when none is, why: a selector
 * matching no pod (with the pods it almost matches), or matching pods that are not Ready.
 */
final class EndpointsLayer {

    Finding examine(Scene s) {
        Service svc = s.service;
        if (svc == null || "ExternalName".equals(svc.getSpec().getType())) {
            return Finding.skipped(Layer.ENDPOINTS, s.nameUnresolved ? "not reached: the name does not resolve" : "no Service in the way");
        }
        String ns = svc.getMetadata().getNamespace();
        String name = svc.getMetadata().getName();
        List<EndpointSlice> slices;
        try {
            slices = s.read("EndpointSlices in " + ns, () -> s.api.discovery().v1().endpointSlices().inNamespace(ns)
                    .withLabel("kubernetes.io/service-name", name).list().getItems());
        } catch (Scene.Unreadable e) {
            return Finding.unknown(Layer.ENDPOINTS, e.getMessage(), List.of());
        }
        Set<String> readyPods = new LinkedHashSet<>();
        List<String> ready = new ArrayList<>();
        List<String> notReady = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            Integer port = slicePort(s, slice);
            for (Endpoint ep : slice.getEndpoints() == null ? List.<Endpoint>of() : slice.getEndpoints()) {
                boolean isReady = ep.getConditions() == null || !Boolean.FALSE.equals(ep.getConditions().getReady());
                String pod = ep.getTargetRef() == null ? null : ep.getTargetRef().getName();
                for (String ip : ep.getAddresses()) {
                    String line = ip + (port == null ? "" : ":" + port) + (pod == null ? "" : " (" + pod + ")");
                    (isReady ? ready : notReady).add(line);
                }
                if (isReady && pod != null && (s.servicePort != null || s.addresses.stream().anyMatch(ep.getAddresses()::contains))) {
                    readyPods.add(pod);
                }
                if (isReady && port != null && s.targetPort == 0) {
                    s.targetPort = port;
                }
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add(slices.size() + " EndpointSlice(s): ready " + (ready.isEmpty() ? "(none)" : String.join(", ", ready))
                + (notReady.isEmpty() ? "" : "; not ready " + String.join(", ", notReady)));
        if (!ready.isEmpty()) {
            s.targetPods = pods(s, ns, readyPods);
            String summary = ready.size() + " ready endpoint(s): " + String.join(", ", ready);
            return notReady.isEmpty() ? Finding.ok(Layer.ENDPOINTS, summary, evidence)
                    : Finding.warning(Layer.ENDPOINTS, summary + "; " + notReady.size() + " not ready (left out): "
                    + String.join(", ", notReady), evidence);
        }
        return noneReady(s, svc, evidence);
    }

    /** The port number the slice lists for the Service port in use (named targetPorts are resolved there). */
    private static Integer slicePort(Scene s, EndpointSlice slice) {
        if (slice.getPorts() == null || s.servicePort == null) {
            return null;
        }
        return slice.getPorts().stream().filter(p -> Objects.equals(p.getName(), s.servicePort.getName()))
                .map(EndpointPort::getPort).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private Finding noneReady(Scene s, Service svc, List<String> evidence) {
        Map<String, String> selector = svc.getSpec().getSelector();
        String ns = svc.getMetadata().getNamespace();
        if (selector == null || selector.isEmpty()) {
            return Finding.broken(Layer.ENDPOINTS, "the Service has no selector and no ready endpoint written for it", evidence,
                    "give the Service a selector for its pods");
        }
        List<Pod> all;
        try {
            all = s.read("pods in " + ns, () -> s.api.pods().inNamespace(ns).list().getItems());
        } catch (Scene.Unreadable e) {
            return Finding.broken(Layer.ENDPOINTS, "no ready endpoint (" + e.getMessage() + ", so not why)", evidence,
                    "make the selector match Ready pods");
        }
        List<Pod> matching = all.stream().filter(p -> LabelDiff.matches(selector, p.getMetadata().getLabels())).toList();
        if (matching.isEmpty()) {
            evidence.addAll(LabelDiff.nearMisses(selector, all));
            return Finding.broken(Layer.ENDPOINTS, "the selector " + Pods.labels(selector) + " matches no pod in " + ns
                    + LabelDiff.closest(selector, all), evidence, "make the Service's selector match the pods' labels");
        }
        List<Pod> running = matching.stream().filter(Pods::running).toList();
        s.targetPods = running;
        if (s.targetPort == 0 && s.servicePort != null && s.servicePort.getTargetPort() != null) {
            s.targetPort = TargetPort.resolve(s.servicePort.getTargetPort(), running);
        }
        List<String> why = matching.stream().filter(p -> !Pods.ready(p)).map(p -> p.getMetadata().getName() + ": "
                + Pods.notReadyReason(p)).toList();
        if (why.isEmpty()) {
            return Finding.warning(Layer.ENDPOINTS, matching.size() + " pod(s) match and are Ready but no EndpointSlice lists them "
                    + "yet (the controller is catching up)", evidence);
        }
        evidence.addAll(why);
        return Finding.broken(Layer.ENDPOINTS, matching.size() + " pod(s) match " + Pods.labels(selector) + " but none is Ready, "
                + "so the Service has no endpoint: " + why.get(0), evidence,
                "make the pods Ready: fix what their readiness probe checks, or what keeps them from starting");
    }

    private static List<Pod> pods(Scene s, String ns, Set<String> names) {
        List<Pod> out = new ArrayList<>();
        for (String n : names) {
            if (out.size() == 3) {
                break; // enough to show the path; every pod behind a Service runs the same template
            }
            Pod p = s.api.pods().inNamespace(ns).withName(n).get();
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }
}
