package dev.kubelab.workshop;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.kube.Kubeconfigs;
import dev.kubelab.kube.PrivateFiles;
import dev.kubelab.lesson.Lesson;
import dev.kubelab.session.Manifests;
import dev.kubelab.session.NetworkPolicySelfTest;
import dev.kubelab.session.WorkshopSlice;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code workshop provision} and {@code teardown} on a shared cluster, as its administrator. Per
 * learner: a home namespace {@code WORKSHOP-LEARNER} with a ServiceAccount and its token, every
 * lesson namespace {@code WORKSHOP-LEARNER-NS}, and in each of those a Role (namespaced kinds only,
 * NetworkPolicy included) bound to that ServiceAccount; in kube-system, one read-only Role for the
 * cluster DNS (ClusterDnsView). Everything carries {@value WorkshopSlice#WORKSHOP_LABEL}=WORKSHOP;
 * nothing cluster-scoped but the namespaces is made, and teardown deletes exactly what carries the label. All or nothing: a failed
 * provision removes what it had made.
 */
public final class Provisioner {

    public static final String ROLE = "kubelab-learner";
    public static final String ACCOUNT = "learner";
    /** The shortest token the TokenRequest API issues. */
    public static final Duration MIN_TOKEN_TTL = Duration.ofMinutes(10);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /** A one-line refusal or failure, nothing left behind. */
    public static final class WorkshopException extends Exception {
        public WorkshopException(String message) {
            super(message);
        }
    }

    /** What provision made: the instructor's file and one join file per learner. */
    public record Provisioned(Path workshopFile, Map<String, Path> joinFiles, int namespaces, String networkPolicy) {
    }

    private final KubernetesClient client;
    private final Consumer<String> progress;

    public Provisioner(KubernetesClient admin, Consumer<String> progress) {
        this.client = admin;
        this.progress = progress;
    }

    /** The logical namespaces of the lessons a shared cluster can run (cluster-scoped lessons are left out). */
    public static List<String> namespacesOf(List<Lesson> lessons) {
        Set<String> all = new LinkedHashSet<>();
        lessons.stream().filter(l -> !l.clusterScoped()).forEach(l -> all.addAll(l.namespaces()));
        return List.copyOf(all);
    }

    static void validate(String workshop, List<String> learners, List<String> namespaces) throws WorkshopException {
        if (workshop == null || !NAME.matcher(workshop).matches() || workshop.length() > 20) {
            throw new WorkshopException("workshop name '" + workshop + "' must be lower-case letters, digits and dashes, at most 20");
        }
        if (learners.isEmpty()) {
            throw new WorkshopException("no learners: pass --learners N or --learners-file FILE");
        }
        Set<String> seen = new LinkedHashSet<>();
        int longest = namespaces.stream().mapToInt(String::length).max().orElse(0);
        for (String l : learners) {
            if (!NAME.matcher(l).matches() || workshop.length() + l.length() + longest + 2 > 63) {
                throw new WorkshopException("learner name '" + l + "' must be lower-case letters, digits and dashes, and "
                        + workshop + "-" + l + "-NAMESPACE at most 63 characters");
            }
            if (!seen.add(l)) {
                throw new WorkshopException("learner '" + l + "' is listed twice");
            }
        }
    }

    public Provisioned provision(String workshop, List<String> learners, List<Lesson> lessons, Cluster admin, Path dir,
                                 String server, Map<String, String> images, Duration tokenTtl) throws WorkshopException {
        if (tokenTtl.compareTo(MIN_TOKEN_TTL) < 0) {
            throw new WorkshopException("--token-ttl " + tokenTtl.toMinutes() + "m is shorter than the API server allows ("
                    + MIN_TOKEN_TTL.toMinutes() + "m)");
        }
        List<String> logical = namespacesOf(lessons);
        validate(workshop, learners, logical);
        if (Files.exists(dir.resolve(WorkshopFile.FILE))) {
            throw new WorkshopException("workshop files already exist in " + dir + " (" + WorkshopFile.FILE
                    + "); teardown the workshop first, or choose another --dir");
        }
        List<Namespace> existing = ownNamespaces(workshop);
        if (!existing.isEmpty()) {
            throw new WorkshopException("workshop '" + workshop + "' already exists on this cluster (" + existing.size()
                    + " namespaces); run kubelab workshop teardown --name " + workshop + " first");
        }
        List<String> all = new ArrayList<>();
        for (String l : learners) {
            all.add(workshop + "-" + l);
            logical.forEach(ns -> all.add(workshop + "-" + l + "-" + ns));
        }
        for (String ns : all) {
            if (client.namespaces().withName(ns).get() != null) {
                throw new WorkshopException("namespace " + ns + " already exists and is not this workshop's; nothing was created");
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            String np = "not needed by these lessons";
            boolean enforced = false;
            if (lessons.stream().anyMatch(l -> l.requires().contains(NetworkPolicySelfTest.FEATURE))) {
                progress.accept("checking NetworkPolicy enforcement (self-test, 10-30 s)");
                NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.run(withImages(admin, images), client);
                enforced = r instanceof NetworkPolicySelfTest.Result.Enforced;
                np = r.summary();
                progress.accept(np);
            }
            progress.accept(SliceGuards.createServicePolicy(client, workshop));
            progress.accept(LearnerIsolation.create(client, workshop, learners));
            progress.accept(ClusterDnsView.create(client, workshop, learners));
            String fingerprint = null;
            if (server.startsWith("https://")) {
                Files.createDirectories(dir);
                fingerprint = ServerCertificate.create(dir, java.net.URI.create(server).getHost());
                written.add(dir.resolve(ServerCertificate.KEYSTORE));
                written.add(dir.resolve(ServerCertificate.PASSWORD));
                progress.accept("server certificate for " + server + ": " + fingerprint + " (pinned in every join file)");
            }
            String ca = clusterCa();
            Map<String, String> tokens = new LinkedHashMap<>();
            Map<String, Path> joins = new LinkedHashMap<>();
            for (String learner : learners) {
                String prefix = workshop + "-" + learner;
                progress.accept("learner " + learner + ": namespaces " + prefix + "[-" + String.join("|-", logical) + "]");
                namespace(prefix, workshop, learner);
                client.serviceAccounts().inNamespace(prefix).resource(new ServiceAccountBuilder()
                        .withMetadata(meta(ACCOUNT, prefix, workshop, learner)).build()).create();
                for (String ns : logical) {
                    String phys = prefix + "-" + ns;
                    namespace(phys, workshop, learner);
                    client.resourceQuotas().inNamespace(phys).resource(SliceGuards.quota(meta(SliceGuards.QUOTA, phys, workshop, learner)))
                            .create();
                    client.limitRanges().inNamespace(phys).resource(SliceGuards.limits(meta(SliceGuards.QUOTA, phys, workshop, learner)))
                            .create();
                    client.rbac().roles().inNamespace(phys).resource(new RoleBuilder().withMetadata(meta(ROLE, phys, workshop, learner))
                            .withRules(SliceGuards.learnerRules()).build()).create();
                    client.rbac().roleBindings().inNamespace(phys).resource(new RoleBindingBuilder()
                            .withMetadata(meta(ROLE, phys, workshop, learner))
                            .addNewSubject().withKind("ServiceAccount").withName(ACCOUNT).withNamespace(prefix).endSubject()
                            .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(ROLE).endRoleRef()
                            .build()).create();
                }
                String token = token(prefix, tokenTtl);
                Path kc = dir.resolve("learners").resolve(learner + ".kubeconfig");
                PrivateFiles.write(kc, Kubeconfigs.toYaml(Kubeconfigs.forToken(workshop, serverUrl(), ca,
                        workshop + "-" + learner, token, prefix + "-" + logical.get(0))));
                written.add(kc);
                String eventToken = WorkshopFile.newToken();
                tokens.put(learner, eventToken);
                Path join = dir.resolve("learners").resolve(learner + ".yaml");
                new JoinFile(workshop, learner, prefix, kc, server, eventToken, images, enforced, fingerprint).write(join);
                written.add(join);
                joins.put(learner, join);
            }
            WorkshopFile wf = new WorkshopFile(workshop, WorkshopFile.newToken(), tokens,
                    lessons.stream().filter(l -> !l.clusterScoped()).map(Lesson::id).toList(), server);
            wf.write(dir);
            written.add(dir.resolve(WorkshopFile.FILE));
            return new Provisioned(dir.resolve(WorkshopFile.FILE), joins, all.size(), np);
        } catch (KubernetesClientException | IOException | WorkshopException e) {
            progress.accept("provision failed; removing what it made");
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: the message below says what failed
                }
            }
            try {
                teardown(workshop);
            } catch (WorkshopException | KubernetesClientException ignored) {
                // nothing made yet, or the API is gone: the original failure is what matters
            }
            String why = firstLine(e);
            if (e instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
                why = "the Kubernetes API refused: " + k.getStatus().getMessage();
            }
            throw new WorkshopException("provision failed, nothing left behind: " + why);
        }
    }

    /** The administrator's cluster with the images the workshop runs (the self-test's pods must start there). */
    static Cluster withImages(Cluster c, Map<String, String> images) {
        return new Cluster() {
            public String describe() {
                return c.describe();
            }

            public Path kubeconfig() {
                return c.kubeconfig();
            }

            public String context() {
                return c.context();
            }

            public Path kubectl() {
                return c.kubectl();
            }

            public Map<String, String> images() {
                return images;
            }

            public boolean ownedByKubelab() {
                return c.ownedByKubelab();
            }
        };
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static ObjectMeta meta(String name, String ns, String workshop, String learner) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ns).addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB)
                .addToLabels(WorkshopSlice.WORKSHOP_LABEL, workshop).addToLabels(WorkshopSlice.LEARNER_LABEL, learner).build();
    }

    private void namespace(String name, String workshop, String learner) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(Manifests.MANAGED_BY, Manifests.KUBELAB).addToLabels(WorkshopSlice.WORKSHOP_LABEL, workshop)
                .addToLabels(WorkshopSlice.LEARNER_LABEL, learner).addToLabels(SliceGuards.podSecurityLabels())
                .endMetadata().build()).create();
    }

    /**
     * A token for the learner's ServiceAccount from the TokenRequest API, valid for {@code ttl}
     * (the API server may shorten it to its own maximum): never a legacy token Secret that lives
     * until the Secret is deleted.
     */
    private String token(String ns, Duration ttl) throws WorkshopException {
        TokenRequest request = new TokenRequestBuilder().withNewSpec().withExpirationSeconds(ttl.toSeconds()).endSpec().build();
        TokenRequest issued = client.serviceAccounts().inNamespace(ns).withName(ACCOUNT).tokenRequest(request);
        if (issued == null || issued.getStatus() == null || issued.getStatus().getToken() == null) {
            throw new WorkshopException("the API server issued no token for " + ns + "/" + ACCOUNT);
        }
        return issued.getStatus().getToken();
    }

    private String serverUrl() {
        return client.getConfiguration().getMasterUrl().replaceAll("/+$", "");
    }

    /**
     * The CA learners pin (base64 PEM): the administrator's own for this server, else the
     * cluster's published root CA. Without either, provision refuses: a learner's kubeconfig never
     * skips TLS verification.
     */
    private String clusterCa() throws WorkshopException, IOException {
        var config = client.getConfiguration();
        if (config.getCaCertData() != null && !config.getCaCertData().isBlank()) {
            return config.getCaCertData().strip();
        }
        if (config.getCaCertFile() != null && Files.isRegularFile(Path.of(config.getCaCertFile()))) {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(Path.of(config.getCaCertFile())));
        }
        var published = client.configMaps().inNamespace("kube-public").withName("kube-root-ca.crt").get();
        if (published == null) {
            published = client.configMaps().inNamespace("default").withName("kube-root-ca.crt").get();
        }
        if (published != null && published.getData() != null && published.getData().get("ca.crt") != null) {
            return Base64.getEncoder().encodeToString(published.getData().get("ca.crt").getBytes(StandardCharsets.UTF_8));
        }
        if (serverUrl().startsWith("http://")) {
            return null; // plain HTTP (a test server): there is no TLS to verify
        }
        throw new WorkshopException("no CA for " + serverUrl() + " in the administrator's kubeconfig nor in ConfigMap "
                + "kube-root-ca.crt: kubelab does not hand learners a kubeconfig that skips TLS verification");
    }

    /** The namespaces provision made for this workshop (labelled with its name and kubelab's). */
    public List<Namespace> ownNamespaces(String workshop) {
        return client.namespaces().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems().stream()
                .filter(n -> Manifests.KUBELAB.equals(n.getMetadata().getLabels().get(Manifests.MANAGED_BY))).toList();
    }

    /** Everything on the cluster that carries the workshop's label: what teardown must leave none of. */
    public List<String> remaining(String workshop) {
        List<String> out = new ArrayList<>();
        client.namespaces().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems().forEach(o -> out.add(id("Namespace", o)));
        client.serviceAccounts().inAnyNamespace().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems()
                .forEach(o -> out.add(id("ServiceAccount", o)));
        client.secrets().inAnyNamespace().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems().forEach(o -> out.add(id("Secret", o)));
        client.rbac().roles().inAnyNamespace().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems().forEach(o -> out.add(id("Role", o)));
        client.rbac().roleBindings().inAnyNamespace().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems()
                .forEach(o -> out.add(id("RoleBinding", o)));
        client.rbac().clusterRoles().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems().forEach(o -> out.add(id("ClusterRole", o)));
        client.rbac().clusterRoleBindings().withLabel(WorkshopSlice.WORKSHOP_LABEL, workshop).list().getItems()
                .forEach(o -> out.add(id("ClusterRoleBinding", o)));
        out.addAll(SliceGuards.remainingPolicies(client, workshop));
        out.addAll(LearnerIsolation.remaining(client, workshop));
        return out;
    }

    private static String id(String kind, HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return kind + "/" + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
    }

    /** Deletes the workshop's namespaces (and with them everything in them) and waits until they are gone. */
    public int teardown(String workshop) throws WorkshopException {
        List<Namespace> mine = ownNamespaces(workshop);
        boolean policies = !SliceGuards.remainingPolicies(client, workshop).isEmpty()
                || !LearnerIsolation.remaining(client, workshop).isEmpty() || ClusterDnsView.exists(client, workshop);
        SliceGuards.deleteServicePolicy(client, workshop);
        LearnerIsolation.delete(client, workshop);
        ClusterDnsView.delete(client, workshop);
        if (mine.isEmpty() && !policies) {
            throw new WorkshopException("no workshop '" + workshop + "' on this cluster (no namespace labelled "
                    + WorkshopSlice.WORKSHOP_LABEL + "=" + workshop + "); nothing to tear down");
        }
        for (Namespace n : mine) {
            client.pods().inNamespace(n.getMetadata().getName()).withGracePeriod(0).delete();
            client.namespaces().withName(n.getMetadata().getName()).delete();
        }
        progress.accept("deleting " + mine.size() + " namespaces");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!ownNamespaces(workshop).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new WorkshopException("namespaces of workshop '" + workshop + "' still terminating after 180 s");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WorkshopException("interrupted");
            }
        }
        return mine.size();
    }
}
