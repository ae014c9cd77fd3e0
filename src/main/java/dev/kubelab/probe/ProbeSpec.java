package dev.kubelab.probe;

/**
 * A typed, reusable observation of the live cluster. Each kind says what it reads; {@link
 * LiveProbes} carries it out and returns an {@link Observation} with the value and the evidence.
 * String fields may hold {@code ${name}} references to values bound earlier in a check.
 */
public sealed interface ProbeSpec {

    /** Short human description used in evidence and lint messages. */
    String describe();

    /** IPs of the Running pods matching a selector (sorted). Value: list of strings. */
    record PodIps(String namespace, String selector) implements ProbeSpec {
        public String describe() {
            return "IPs of pods " + namespace + "/{" + selector + "}";
        }
    }

    /** One field of a Service: clusterIP, type, ports, targetPorts, selector. */
    record ServiceField(String namespace, String name, String field) implements ProbeSpec {
        public String describe() {
            return field + " of Service " + namespace + "/" + name;
        }
    }

    /** Ready endpoint addresses of a Service, read from its EndpointSlices. Value: list of IPs. */
    record EndpointAddresses(String namespace, String service) implements ProbeSpec {
        public String describe() {
            return "ready endpoints of Service " + namespace + "/" + service;
        }
    }

    /** DNS lookup of {@code name} from inside a pod. Value: list of IPs (empty when not found). */
    record DnsLookup(PodRef from, String name, Resolver resolver) implements ProbeSpec {
        public String describe() {
            return "`" + resolver.command() + " " + name + "` in pod " + from.describe();
        }
    }

    /**
     * The names a pod's resolver asks for {@code name}, in order, until one answers ({@code dig +search
     * +showsearch}, which applies the search list and ndots as the C library does). Value: how many (Long).
     */
    record DnsQueries(PodRef from, String name) implements ProbeSpec {
        public String describe() {
            return "`dig +search " + name + "` in pod " + from.describe();
        }
    }

    /** TCP connect from a pod. Value: boolean. */
    record TcpConnect(PodRef from, String host, String port, int timeoutSeconds) implements ProbeSpec {
        public String describe() {
            return "TCP connect to " + host + ":" + port + " from pod " + from.describe();
        }
    }

    /**
     * How a TCP connection from a pod ends, in the cluster's own behaviour: "connected", "refused", "timed out",
     * "unreachable" or "name not resolved" (String). Refused versus dropped depends on the dataplane.
     */
    record TcpResult(PodRef from, String host, String port, int timeoutSeconds) implements ProbeSpec {
        public String describe() {
            return "how a TCP connection to " + host + ":" + port + " from pod " + from.describe() + " ends";
        }
    }

    /**
     * {@code requests} GETs of {@code url} from a pod, each a new connection. Value: the distinct first lines of the
     * bodies (who answered), in the order first seen: how a Service spreads connections over its pods.
     */
    record HttpBodies(PodRef from, String url, int requests, int timeoutSeconds) implements ProbeSpec {
        public String describe() {
            return requests + " GETs of " + url + " from pod " + from.describe();
        }
    }

    /** One ICMP echo (ping) from a pod. Value: boolean, whether a reply came within the timeout. */
    record Ping(PodRef from, String host, int timeoutSeconds) implements ProbeSpec {
        public String describe() {
            return "ping " + host + " from pod " + from.describe();
        }
    }

    /** HTTP GET from a pod. Value: status code as a number, 0 when no HTTP answer came. */
    record HttpGet(PodRef from, String url, int timeoutSeconds) implements ProbeSpec {
        public String describe() {
            return "HTTP GET " + url + " from pod " + from.describe();
        }
    }

    /**
     * Who answered an HTTP GET from a pod: the first line of the body ("" when nothing answered).
     * The lessons' stand-ins serve their pod's hostname, so a check can assert that Garage
     * answered, not merely that some server did.
     */
    record HttpBody(PodRef from, String url, int timeoutSeconds) implements ProbeSpec {
        public String describe() {
            return "who answers HTTP GET " + url + " from pod " + from.describe();
        }
    }

    /** A pod's /etc/resolv.conf, field: nameservers, search, ndots (or the whole file). */
    record ResolvConf(PodRef from, String field) implements ProbeSpec {
        public String describe() {
            return (field == null ? "" : field + " of ") + "/etc/resolv.conf in pod " + from.describe();
        }
    }

    /** Whether something answers HTTP or TCP on 127.0.0.1:port on this machine (port-forward). */
    record LocalPort(String port, String address) implements ProbeSpec {
        /** On 127.0.0.1. */
        public LocalPort(String port) {
            this(port, "loopback");
        }

        public String describe() {
            return "TCP connect to " + ("lan".equals(address) ? "this machine's non-loopback address" : "127.0.0.1")
                    + ":" + port + " on this machine";
        }
    }

    /**
     * {@code requests} HTTP GETs of {@code http://127.0.0.1:port/path} from this machine (a port-forward).
     * Value: the distinct response bodies (trimmed), in order of first appearance; empty if none answered.
     */
    record LocalHttp(String port, String path, int requests) implements ProbeSpec {
        public String describe() {
            return requests + " HTTP GET(s) of http://127.0.0.1:" + port + path + " on this machine";
        }
    }

    /** Whether an object exists. Value: boolean. */
    record ObjectExists(String kind, String namespace, String name) implements ProbeSpec {
        public String describe() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + name + " exists";
        }
    }

    /** A JSONPath (kubectl syntax) over an object. Value: string (empty when absent). */
    record JsonPathValue(String kind, String namespace, String name, String path) implements ProbeSpec {
        public String describe() {
            return path + " of " + kind + " " + (namespace == null ? "" : namespace + "/") + name;
        }
    }

    /** Whether the learner ran a command matching a regular expression in this step. */
    record CommandRan(String pattern) implements ProbeSpec {
        public String describe() {
            return "a command matching /" + pattern + "/ was run";
        }
    }

    /** The pod CIDR(s) the cluster gave its nodes. Value: list of CIDRs. */
    record PodCidrs() implements ProbeSpec {
        public String describe() {
            return "pod CIDRs of the nodes";
        }
    }

    /** A value the lesson itself fixes (a port in its manifest); never something the cluster decides. */
    record Literal(Object value) implements ProbeSpec {
        public String describe() {
            return String.valueOf(value);
        }
    }
}
