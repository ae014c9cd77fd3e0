package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.explain.ConnectionExplainer;
import dev.kubelab.explain.ExplainException;
import dev.kubelab.explain.Explanation;
import dev.kubelab.explain.ExplanationText;
import dev.kubelab.kube.KubeClients;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain why a connection works or fails, layer by layer, from the live cluster: resolv.conf, DNS,",
                "the Service and its port, endpoints, the listening port, NetworkPolicy, and the connection itself.",
                "Names the first broken layer and the kind of fix. Exit 0 when the connection works, 1 when a layer breaks it.",
                "",
                "  kubelab explain trino/app=trino garage.garage:3900",
                "  kubelab explain dagster/deploy/dagster-webserver http://trino.trino:8080/v1/info",
                "  kubelab explain localhost:8080          (a kubectl port-forward on this machine)"})
final class ExplainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @CommandLine.Option(names = {"-n", "--namespace"}, paramLabel = "NS", defaultValue = "default",
            description = "namespace of a FROM given without one (default: ${DEFAULT-VALUE})")
    String namespace;

    @CommandLine.Option(names = "--compact", description = "one line per layer, without the evidence")
    boolean compact;

    @CommandLine.Parameters(arity = "1..2", paramLabel = "FROM TO",
            description = "FROM: NAMESPACE/POD, NAMESPACE/deploy/NAME, NAMESPACE/LABEL=VALUE or local; "
                    + "TO: HOST:PORT or a URL as a client would write it (FROM may be left out for localhost:PORT)")
    List<String> endpoints;

    @Override
    public Integer call() throws ClusterUnavailableException, IOException {
        String from = endpoints.size() == 2 ? endpoints.get(0) : null;
        String to = endpoints.get(endpoints.size() - 1);
        Cluster cluster = clusterOptions.open();
        Explanation e;
        try (KubernetesClient client = KubeClients.fromKubeconfig(cluster.kubeconfig(), cluster.context())) {
            e = new ConnectionExplainer(client).explain(from, to, namespace);
        } catch (ExplainException ex) {
            throw new UserError(ExitCode.INVALID, ex.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        ExplanationText.lines(e, compact).forEach(l -> out.println(l.text()));
        out.flush();
        return e.firstBroken().isPresent() || !e.healthy() ? ExitCode.FAILED : ExitCode.OK;
    }
}
