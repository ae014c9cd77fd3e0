package dev.kubelab.explain;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Which Service (or pod) the address is, and how the Service maps the port: port → targetPort. */
final class ServiceLayer {

    Finding examine(Scene s) {
        if (s.nameUnresolved) {
            return Finding.skipped(Layer.SERVICE, "not reached: the name does not resolve");
        }
        try {
            if (s.named != null) {
                Service svc = s.read("Service " + s.named.namespace() + "/" + s.named.service(), () ->
                        s.api.services().inNamespace(s.named.namespace()).withName(s.named.service()).get());
                if (svc == null) {
                    return Finding.unknown(Layer.SERVICE, s.named.describe() + " answered in DNS but cannot be found", List.of());
                }
                return describe(s, svc);
            }
            String ip = s.addresses.isEmpty() ? null : s.addresses.get(0);
            if (ip == null) {
                return Finding.unknown(Layer.SERVICE, "no address to look up", List.of());
            }
            Service byIp = serviceWithClusterIp(s, ip);
            if (byIp != null) {
                return describe(s, byIp);
            }
            Pod pod = podWithIp(s, ip);
            if (pod != null) {
                s.targetPods = List.of(pod);
                s.targetPort = s.to.port();
                return Finding.skipped(Layer.SERVICE, ip + " is the IP of pod " + Pods.describe(pod) + ": no Service in between");
            }
            return Finding.unknown(Layer.SERVICE, ip + " is neither a ClusterIP nor a pod IP this account can see in the cluster "
                    + "(outside the cluster?)", List.of());
        } catch (Scene.Unreadable e) {
            return Finding.unknown(Layer.SERVICE, e.getMessage(), List.of());
        }
    }

    private Finding describe(Scene s, Service svc) {
        s.service = svc;
        String where = svc.getMetadata().getNamespace() + "/" + svc.getMetadata().getName();
        List<ServicePort> ports = svc.getSpec().getPorts() == null ? List.of() : svc.getSpec().getPorts();
        List<String> evidence = new ArrayList<>();
        evidence.add("type " + svc.getSpec().getType() + ", clusterIP " + svc.getSpec().getClusterIP() + ", ports " + ports(ports)
                + ", selector " + selector(svc.getSpec().getSelector()));
        if ("ExternalName".equals(svc.getSpec().getType())) {
            return Finding.ok(Layer.SERVICE, "ExternalName Service " + where + ": DNS answers with a CNAME to "
                    + svc.getSpec().getExternalName() + "; no proxy and no endpoints", evidence);
        }
        boolean headless = "None".equals(svc.getSpec().getClusterIP());
        if (headless) {
            s.targetPort = s.to.port();
            return Finding.ok(Layer.SERVICE, "headless Service " + where + ": the name resolves straight to its pods' IPs and port "
                    + s.to.port() + " reaches them unchanged", evidence);
        }
        ServicePort port = ports.stream().filter(p -> p.getPort() == s.to.port()
                && (p.getProtocol() == null || "TCP".equals(p.getProtocol()))).findFirst().orElse(null);
        if (port == null) {
            return Finding.broken(Layer.SERVICE, "Service " + where + " has no port " + s.to.port() + "; its ports are " + ports(ports),
                    evidence, "connect to one of the Service's ports, or add this port to the Service");
        }
        s.servicePort = port;
        String target = port.getTargetPort() == null ? String.valueOf(port.getPort())
                : port.getTargetPort().getIntVal() != null ? String.valueOf(port.getTargetPort().getIntVal()) : port.getTargetPort().getStrVal();
        if (port.getTargetPort() == null || port.getTargetPort().getIntVal() != null) {
            s.targetPort = Integer.parseInt(target);
        }
        if (svc.getSpec().getSelector() == null || svc.getSpec().getSelector().isEmpty()) {
            evidence.add("no selector: its EndpointSlices are written by hand, not from pods");
        }
        return Finding.ok(Layer.SERVICE, "Service " + where + " (" + svc.getSpec().getType() + " " + svc.getSpec().getClusterIP()
                + ") sends port " + s.to.port() + " to targetPort " + target + " on pods " + selector(svc.getSpec().getSelector()), evidence);
    }

    private static Service serviceWithClusterIp(Scene s, String ip) throws Scene.Unreadable {
        List<Service> services;
        try {
            services = s.read("Services in all namespaces", () -> s.api.services().inAnyNamespace().list().getItems());
        } catch (Scene.Unreadable e) {
            services = s.read("Services in " + s.clientNamespace(), () -> s.api.services().inNamespace(s.clientNamespace()).list().getItems());
        }
        return services.stream().filter(svc -> ip.equals(svc.getSpec().getClusterIP())
                || (svc.getSpec().getClusterIPs() != null && svc.getSpec().getClusterIPs().contains(ip))).findFirst().orElse(null);
    }

    private static Pod podWithIp(Scene s, String ip) throws Scene.Unreadable {
        List<Pod> pods;
        try {
            pods = s.read("pods in all namespaces", () -> s.api.pods().inAnyNamespace().withField("status.podIP", ip).list().getItems());
        } catch (Scene.Unreadable e) {
            pods = s.read("pods in " + s.clientNamespace(), () -> s.api.pods().inNamespace(s.clientNamespace())
                    .withField("status.podIP", ip).list().getItems());
        }
        // a host-network pod shares the node's IP: prefer a pod with an IP of its own
        return pods.stream().filter(Pods::running)
                .min(java.util.Comparator.comparing(p -> Boolean.TRUE.equals(p.getSpec().getHostNetwork()))).orElse(null);
    }

    static String ports(List<ServicePort> ports) {
        if (ports.isEmpty()) {
            return "(none)";
        }
        return ports.stream().map(p -> p.getPort() + "/" + (p.getProtocol() == null ? "TCP" : p.getProtocol())
                + (p.getTargetPort() == null ? "" : "->" + (p.getTargetPort().getIntVal() != null ? p.getTargetPort().getIntVal()
                : p.getTargetPort().getStrVal())) + (p.getName() == null ? "" : " (" + p.getName() + ")")).collect(Collectors.joining(", "));
    }

    static String selector(Map<String, String> selector) {
        return selector == null || selector.isEmpty() ? "(no selector)" : Pods.labels(selector);
    }
}
