package dev.kubelab.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rewrites the text of a probe spec: {@code ${var}} references, and logical to physical namespaces. */
public final class ProbeSpecs {

    private ProbeSpecs() {
    }

    /** Applies {@code text} to every free-text field and {@code ns} to every namespace field. */
    public static ProbeSpec rewrite(ProbeSpec spec, UnaryOperator<String> text, UnaryOperator<String> ns) {
        UnaryOperator<String> t = s -> s == null ? null : text.apply(s);
        UnaryOperator<String> n = s -> s == null ? null : ns.apply(s);
        if (spec instanceof ProbeSpec.PodIps p) {
            return new ProbeSpec.PodIps(n.apply(p.namespace()), t.apply(p.selector()));
        } else if (spec instanceof ProbeSpec.ServiceField p) {
            return new ProbeSpec.ServiceField(n.apply(p.namespace()), t.apply(p.name()), p.field());
        } else if (spec instanceof ProbeSpec.EndpointAddresses p) {
            return new ProbeSpec.EndpointAddresses(n.apply(p.namespace()), t.apply(p.service()));
        } else if (spec instanceof ProbeSpec.DnsLookup p) {
            return new ProbeSpec.DnsLookup(pod(p.from(), t, n), t.apply(p.name()), p.resolver());
        } else if (spec instanceof ProbeSpec.DnsQueries p) {
            return new ProbeSpec.DnsQueries(pod(p.from(), t, n), t.apply(p.name()));
        } else if (spec instanceof ProbeSpec.HttpBodies p) {
            return new ProbeSpec.HttpBodies(pod(p.from(), t, n), t.apply(p.url()), p.requests(), p.timeoutSeconds());
        } else if (spec instanceof ProbeSpec.TcpResult p) {
            return new ProbeSpec.TcpResult(pod(p.from(), t, n), t.apply(p.host()), t.apply(p.port()), p.timeoutSeconds());
        } else if (spec instanceof ProbeSpec.TcpConnect p) {
            return new ProbeSpec.TcpConnect(pod(p.from(), t, n), t.apply(p.host()), t.apply(p.port()), p.timeoutSeconds());
        } else if (spec instanceof ProbeSpec.Ping p) {
            return new ProbeSpec.Ping(pod(p.from(), t, n), t.apply(p.host()), p.timeoutSeconds());
        } else if (spec instanceof ProbeSpec.HttpGet p) {
            return new ProbeSpec.HttpGet(pod(p.from(), t, n), t.apply(p.url()), p.timeoutSeconds());
        } else if (spec instanceof ProbeSpec.HttpBody p) {
            return new ProbeSpec.HttpBody(pod(p.from(), t, n), t.apply(p.url()), p.timeoutSeconds());
        } else if (spec instanceof ProbeSpec.ResolvConf p) {
            return new ProbeSpec.ResolvConf(pod(p.from(), t, n), p.field());
        } else if (spec instanceof ProbeSpec.LocalPort p) {
            return new ProbeSpec.LocalPort(t.apply(p.port()), p.address());
        } else if (spec instanceof ProbeSpec.LocalHttp p) {
            return new ProbeSpec.LocalHttp(t.apply(p.port()), t.apply(p.path()), p.requests());
        } else if (spec instanceof ProbeSpec.ObjectExists p) {
            return new ProbeSpec.ObjectExists(p.kind(), n.apply(p.namespace()), t.apply(p.name()));
        } else if (spec instanceof ProbeSpec.JsonPathValue p) {
            return new ProbeSpec.JsonPathValue(p.kind(), n.apply(p.namespace()), t.apply(p.name()), p.path());
        } else if (spec instanceof ProbeSpec.CommandRan p) {
            return p;
        } else if (spec instanceof ProbeSpec.PodCidrs p) {
            return p;
        } else if (spec instanceof ProbeSpec.Literal p) {
            if (p.value() instanceof List<?> items) {
                // a list literal's strings are rendered; an element that renders blank (an empty
                // bound value) is dropped, so ['${before}', '${now}'] is the set of both when both exist
                List<Object> rendered = new ArrayList<>();
                for (Object item : items) {
                    Object r = item instanceof String s ? t.apply(s) : item;
                    if (!(r instanceof String s && s.isBlank())) {
                        rendered.add(r);
                    }
                }
                return new ProbeSpec.Literal(List.copyOf(rendered));
            }
            return p.value() instanceof String s ? new ProbeSpec.Literal(t.apply(s)) : p;
        }
        throw new IllegalStateException("unknown probe " + spec);
    }

    private static PodRef pod(PodRef ref, UnaryOperator<String> t, UnaryOperator<String> n) {
        return new PodRef(n.apply(ref.namespace()), t.apply(ref.pod()), t.apply(ref.selector()), ref.container());
    }

    /** The pod a probe runs in, or null for probes that do not exec. */
    public static PodRef podOf(ProbeSpec spec) {
        if (spec instanceof ProbeSpec.DnsLookup p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.DnsQueries p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.TcpResult p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.HttpBodies p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.TcpConnect p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.HttpGet p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.HttpBody p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.Ping p) {
            return p.from();
        } else if (spec instanceof ProbeSpec.ResolvConf p) {
            return p.from();
        }
        return null;
    }
}
