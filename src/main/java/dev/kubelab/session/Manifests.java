package dev.kubelab.session;

import dev.kubelab.check.Template;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Prepares a lesson's setup manifests for a cluster: renders {@code ${image:..}} and
 * {@code ${ns:..}}, maps namespaces structurally (metadata.namespace and NetworkPolicy
 * namespace selectors on {@code kubernetes.io/metadata.name}), and labels every object as kubelab's.
 */
public final class Manifests {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String KUBELAB = "kubelab";
    public static final String LESSON_LABEL = "kubelab.dev/lesson";

    private Manifests() {
    }

    /** A workload the setup creates, to wait for. */
    public record Workload(String kind, String namespace, String name) {
    }

    public record Rendered(String yaml, List<Workload> workloads) {
    }

    @SuppressWarnings("unchecked")
    public static Rendered render(String yaml, String lessonId, NamespaceMap namespaces, String defaultNamespace,
                                  Function<String, String> templates) {
        String text = Template.render(yaml, templates);
        List<Object> out = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
            if (!(doc instanceof Map<?, ?>)) {
                continue;
            }
            Map<String, Object> obj = (Map<String, Object>) doc;
            Map<String, Object> meta = (Map<String, Object>) obj.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
            String kind = String.valueOf(obj.get("kind"));
            if (!kind.equals("Namespace")) {
                Object ns = meta.getOrDefault("namespace", defaultNamespace);
                meta.put("namespace", namespaces.physical(String.valueOf(ns)));
            } else {
                meta.put("name", namespaces.physical(String.valueOf(meta.get("name"))));
            }
            Map<String, Object> labels = (Map<String, Object>) meta.computeIfAbsent("labels", k -> new LinkedHashMap<>());
            labels.put(MANAGED_BY, KUBELAB);
            labels.put(LESSON_LABEL, lessonId);
            mapNamespaceSelectors(obj, namespaces);
            if (List.of("Deployment", "StatefulSet", "DaemonSet", "Pod").contains(kind)) {
                workloads.add(new Workload(kind, String.valueOf(meta.get("namespace")), String.valueOf(meta.get("name"))));
            }
            out.add(obj);
        }
        Dump dump = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());
        StringBuilder sb = new StringBuilder();
        for (Object o : out) {
            sb.append("---\n").append(dump.dumpToString(o));
        }
        return new Rendered(sb.toString(), workloads);
    }

    /** Rewrites every {@code kubernetes.io/metadata.name: X} label match to the physical namespace. */
    @SuppressWarnings("unchecked")
    static void mapNamespaceSelectors(Object node, NamespaceMap namespaces) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> map = (Map<String, Object>) m;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                if (e.getKey().equals("kubernetes.io/metadata.name") && e.getValue() instanceof String s) {
                    e.setValue(namespaces.physical(s));
                } else if (e.getKey().equals("matchExpressions") && e.getValue() instanceof List<?> exprs) {
                    for (Object x : exprs) {
                        if (x instanceof Map<?, ?> expr && "kubernetes.io/metadata.name".equals(expr.get("key"))
                                && expr.get("values") instanceof List<?> vals) {
                            ((Map<String, Object>) expr).put("values", vals.stream()
                                    .map(v -> namespaces.physical(String.valueOf(v))).toList());
                        }
                    }
                } else {
                    mapNamespaceSelectors(e.getValue(), namespaces);
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(x -> mapNamespaceSelectors(x, namespaces));
        }
    }
}
