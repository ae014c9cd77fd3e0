package dev.kubelab.cli;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterUnavailableException;
import dev.kubelab.cluster.Images;
import dev.kubelab.kube.KubeClients;
import dev.kubelab.session.LessonCatalog;
import dev.kubelab.workshop.Provisioner;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = {"Create each learner's slice on a shared cluster: the namespaces of every lesson (NAME-LEARNER-NS), a",
                "ServiceAccount whose Role reaches only those namespaces, and a join file with its kubeconfig and event token.",
                "Example: kubelab workshop provision --name ws1 --learners 20 --cluster context:prod --allow-existing-cluster"})
final class WorkshopProvisionCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @CommandLine.Option(names = "--name", required = true, paramLabel = "NAME", description = "workshop name (lower-case, at most 20)")
    String name;

    @CommandLine.ArgGroup(multiplicity = "1")
    Who who;

    static final class Who {
        @CommandLine.Option(names = "--learners", paramLabel = "N", description = "N learners named l01, l02, ...")
        Integer count;

        @CommandLine.Option(names = "--learners-file", paramLabel = "FILE", description = "learner names, one a line")
        Path file;
    }

    @CommandLine.Option(names = "--dir", paramLabel = "DIR", description = "where the workshop's files go (default workshops/NAME)")
    Path dir;

    @CommandLine.Option(names = "--server", paramLabel = "URL", defaultValue = "http://127.0.0.1:8088",
            description = "where learners send events: the address of 'workshop serve' as learners reach it (default ${DEFAULT-VALUE})")
    String server;

    @CommandLine.Option(names = "--token-ttl", paramLabel = "DURATION", defaultValue = "8h", converter = TtlConverter.class,
            description = "how long learners' tokens stay valid, e.g. 90m, 8h, 2d (default ${DEFAULT-VALUE}, at least 10m): "
                    + "after that, their kubeconfigs get 401")
    java.time.Duration tokenTtl;

    /** {@code 90m}, {@code 8h}, {@code 2d}. */
    static final class TtlConverter implements CommandLine.ITypeConverter<java.time.Duration> {
        @Override
        public java.time.Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,6})([mhd])").matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 90m, 8h or 2d");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> java.time.Duration.ofMinutes(n);
                case "h" -> java.time.Duration.ofHours(n);
                default -> java.time.Duration.ofDays(n);
            };
        }
    }

    @CommandLine.Option(names = "--lessons", paramLabel = "DIR", description = "lesson folder (default: lessons/)")
    Path lessonsDir;

    @Override
    public Integer call() throws ClusterUnavailableException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<String> learners = learners();
        LessonCatalog catalog = LessonCatalog.load(List.of(lessonsDir != null ? lessonsDir : Main.root().resolve("lessons")));
        if (!catalog.problems().isEmpty()) {
            throw new UserError(ExitCode.INVALID, catalog.problems().size() + " problem(s) in lessons; fix them first (kubelab lint)");
        }
        Map<String, String> images;
        try {
            // --images names the shared cluster's images whatever the backend (a context's cluster reads it too)
            images = clusterOptions.images != null ? Images.load(clusterOptions.images) : null;
        } catch (IOException e) {
            throw new UserError(ExitCode.INVALID, "cannot read --images " + clusterOptions.images + ": " + e.getMessage());
        }
        Cluster cluster = clusterOptions.open();
        if (images == null) {
            images = cluster.images();
        }
        Path target = WorkshopCommand.dir(dir, name);
        try (KubernetesClient client = KubeClients.fromKubeconfig(cluster.kubeconfig(), cluster.context())) {
            Provisioner.Provisioned p = new Provisioner(client, ClusterOptions.progressTo(out))
                    .provision(name, learners, catalog.lessons(), cluster, target, server, images, tokenTtl);
            out.println("workshop " + name + ": " + learners.size() + " learners, " + p.namespaces() + " namespaces on "
                    + cluster.describe());
            out.println("  instructor: kubelab workshop serve --dir " + target + "   (token in " + p.workshopFile() + ")");
            out.println("  learners join with: kubelab --workshop " + target.resolve("learners") + "/LEARNER.yaml");
            out.println("  learner tokens expire at " + java.time.Instant.now().plus(tokenTtl).truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                    + " (--token-ttl " + tokenTtl.toMinutes() + "m); provision again after a teardown for new ones");
            out.flush();
            return ExitCode.OK;
        } catch (Provisioner.WorkshopException e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        }
    }

    private List<String> learners() {
        if (who.count != null) {
            if (who.count < 1 || who.count > 500) {
                throw new UserError(ExitCode.INVALID, "--learners must be 1 to 500");
            }
            List<String> out = new ArrayList<>();
            for (int i = 1; i <= who.count; i++) {
                out.add(String.format("l%02d", i));
            }
            return out;
        }
        try {
            return Files.readAllLines(who.file).stream().map(String::trim).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UserError(ExitCode.INVALID, "cannot read --learners-file " + who.file + ": " + e.getMessage());
        }
    }
}
