package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.workshop.Provisioner;
import dev.kubelab.workshop.WorkshopFile;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "teardown", mixinStandardHelpOptions = true,
        description = {"Remove exactly what 'workshop provision' made: the namespaces labelled with the workshop's name (and",
                "everything in them), and the credentials in its folder. Recorded events stay."})
final class WorkshopTeardownCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @CommandLine.Option(names = "--name", required = true, paramLabel = "NAME", description = "workshop name")
    String name;

    @CommandLine.Option(names = "--dir", paramLabel = "DIR", description = "the workshop's files (default workshops/NAME)")
    Path dir;

    @Override
    public Integer call() throws ClusterUnavailableException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        Cluster cluster = clusterOptions.open();
        try (KubernetesClient client = KubeClients.fromKubeconfig(cluster.kubeconfig(), cluster.context())) {
            int n = new Provisioner(client, ClusterOptions.progressTo(out)).teardown(name);
            Path target = WorkshopCommand.dir(dir, name);
            Files.deleteIfExists(target.resolve(WorkshopFile.FILE));
            Files.deleteIfExists(target.resolve(dev.kubelab.workshop.ServerCertificate.KEYSTORE));
            Files.deleteIfExists(target.resolve(dev.kubelab.workshop.ServerCertificate.PASSWORD));
            Path learners = target.resolve("learners");
            if (Files.isDirectory(learners)) {
                try (Stream<Path> files = Files.list(learners)) {
                    for (Path p : files.toList()) {
                        Files.deleteIfExists(p);
                    }
                }
                Files.deleteIfExists(learners);
            }
            out.println("workshop " + name + " removed: " + n + " namespaces deleted");
            out.flush();
            return ExitCode.OK;
        } catch (Provisioner.WorkshopException e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        }
    }
}
