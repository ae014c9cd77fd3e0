package dev.kubelab.session;

import dev.kubelab.kube.CommandLine;
import dev.kubelab.kube.Kubectl;
import dev.kubelab.kube.ProcessResult;
import dev.kubelab.kube.ProcessRunner;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs {@code kubectl ...} / {@code k ...} as argv with the lesson's KUBECONFIG, {@code !...}
 * through {@code sh -c} (the learner asked for a shell), and keeps the history that
 * {@code ran:} probes read. Port-forwards and commands ending in {@code &} become background jobs.
 */
public final class CommandRunner {

    private final Kubectl kubectl;
    private final JobTable jobs;
    private final List<String> stepHistory = Collections.synchronizedList(new ArrayList<>());

    public CommandRunner(Kubectl kubectl, JobTable jobs) {
        this.kubectl = kubectl;
        this.jobs = jobs;
    }

    public List<String> stepHistory() {
        synchronized (stepHistory) {
            return List.copyOf(stepHistory);
        }
    }

    public void newStep() {
        stepHistory.clear();
    }

    public JobTable jobs() {
        return jobs;
    }

    public static boolean isCommand(String text) {
        String t = text.stripLeading();
        return t.startsWith("!") || t.matches("(?s)(kubectl|k)(\\s.*)?");
    }

    public CommandOutcome run(String text, Duration timeout, OutputStream out, OutputStream err) {
        String t = text.strip();
        boolean background = t.endsWith("&") && !t.endsWith("&&");
        if (background) {
            t = t.substring(0, t.length() - 1).strip();
        }
        stepHistory.add(t);
        try {
            if (t.startsWith("!")) {
                String script = t.substring(1).strip();
                List<String> argv = List.of("sh", "-c", script);
                if (background) {
                    return startJob(t, argv);
                }
                ProcessResult r = ProcessRunner.run(argv, kubectl.env(), null, timeout, out, err);
                return new CommandOutcome.Finished(t, r);
            }
            CommandLine cmd;
            try {
                cmd = CommandLine.parse(t);
            } catch (IllegalArgumentException e) {
                return new CommandOutcome.Rejected(t, e.getMessage());
            }
            if (cmd.argv().isEmpty() || !List.of("kubectl", "k").contains(cmd.argv().get(0))) {
                return new CommandOutcome.Rejected(t, "not a kubectl command: start with kubectl, k, or ! for a shell");
            }
            if (kubectl.binary() == null) {
                return new CommandOutcome.Rejected(t, "kubectl not found: set KUBELAB_KUBECTL or put kubectl on PATH");
            }
            List<String> args = cmd.argv().subList(1, cmd.argv().size());
            String edit = kubeconfigEdit(args);
            if (edit != null) {
                return new CommandOutcome.Rejected(t, edit + " would change how kubectl reaches the lesson's cluster (server, "
                        + "credentials, TLS verification) in the kubeconfig kubelab gives it: read it with kubectl config view; "
                        + "a namespace is set with kubectl config set-context --current --namespace=NS");
            }
            String elsewhere = otherClusterFlag(args);
            if (elsewhere != null) {
                return new CommandOutcome.Rejected(t, elsewhere + " would point kubectl away from the lesson's cluster; "
                        + "kubelab runs every kubectl command against the cluster it chose: drop " + elsewhere);
            }
            if (background || "port-forward".equals(verb(args))) {
                List<String> argv = new ArrayList<>();
                argv.add(kubectl.binary().toString());
                argv.addAll(args);
                return startJob(t, argv);
            }
            ProcessResult r = kubectl.run(args, cmd.stdin(), timeout, out, err);
            return new CommandOutcome.Finished(t, r);
        } catch (IOException e) {
            return new CommandOutcome.Rejected(t, e.getMessage());
        }
    }

    /** kubectl's global flags that take a value as the next word ({@code -n ns port-forward ...}). */
    private static final java.util.Set<String> VALUE_FLAGS = java.util.Set.of("-n", "--namespace", "--context", "--kubeconfig",
            "--cluster", "--user", "-s", "--server", "--token", "--as", "--as-group", "--request-timeout", "-v", "--v");

    /**
     * kubectl's global flags that select another kubeconfig, server or credentials. The kubeconfig
     * kubelab hands kubectl holds only the lesson's context; these would leave it (and send its
     * token to another server), so a learner's command may not carry them. {@code --cluster} and
     * {@code --user} are not here: they can only name entries of that file, and {@code create
     * rolebinding --user} is a lesson's legitimate flag.
     */
    private static final java.util.Set<String> OTHER_CLUSTER_FLAGS = java.util.Set.of("--kubeconfig", "--context", "-s",
            "--server", "--token", "--certificate-authority", "--client-certificate", "--client-key", "--username",
            "--password", "--insecure-skip-tls-verify", "--tls-server-name");

    /**
     * {@code kubectl config} verbs that rewrite where or how kubectl connects (server, credentials, TLS
     * verification, the context) in the kubeconfig kubelab runs kubectl with: {@code config set
     * clusters.X.insecure-skip-tls-verify true} would turn TLS verification off, {@code config set
     * clusters.X.server} send the token elsewhere. Reading, and {@code set-context --current --namespace},
     * stay allowed.
     */
    private static final java.util.Set<String> KUBECONFIG_WRITES = java.util.Set.of("set", "unset", "set-cluster",
            "set-credentials", "delete-cluster", "delete-user", "delete-context", "rename-context", "use-context", "use");

    /** {@code config VERB} when VERB rewrites the connection ({@code set} of anything but a context's namespace); else null. */
    static String kubeconfigEdit(List<String> args) {
        if (!"config".equals(verb(args))) {
            return null;
        }
        List<String> rest = args.subList(args.indexOf("config") + 1, args.size()).stream().filter(a -> !a.startsWith("-")).toList();
        if (rest.isEmpty() || !KUBECONFIG_WRITES.contains(rest.get(0))) {
            return null;
        }
        boolean namespaceOnly = rest.get(0).equals("set") && rest.size() > 1 && rest.get(1).matches("contexts\\.[^.]+\\.namespace");
        return namespaceOnly ? null : "kubectl config " + rest.get(0);
    }

    /** The first flag (before {@code --}, after which words belong to the container's command) of those; null if none. */
    static String otherClusterFlag(List<String> args) {
        for (String a : args) {
            if (a.equals("--")) {
                return null;
            }
            // --server=URL, -s URL, -s=URL and -sURL are all the same flag to kubectl
            String name = a.startsWith("--") && a.contains("=") ? a.substring(0, a.indexOf('='))
                    : a.startsWith("-s") && !a.startsWith("--") ? "-s" : a;
            if (OTHER_CLUSTER_FLAGS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    /** The kubectl verb: the first word that is neither a flag nor a global flag's value; null if none. */
    static String verb(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.startsWith("-")) {
                if (VALUE_FLAGS.contains(a)) {
                    i++;
                }
                continue;
            }
            return a;
        }
        return null;
    }

    /**
     * Starts a job and waits up to 5 s for a port-forward's "Forwarding from" (other jobs: half a
     * second, enough to see one that fails at once).
     */
    private CommandOutcome startJob(String display, List<String> argv) throws IOException {
        JobTable.Job job = jobs.start(display, argv, kubectl.env());
        long deadline = System.nanoTime() + (argv.contains("port-forward") ? Duration.ofSeconds(5) : Duration.ofMillis(500)).toNanos();
        String first = "";
        while (System.nanoTime() < deadline && job.alive()) {
            first = job.output();
            if (first.contains("Forwarding from") || (!argv.contains("port-forward") && !first.isEmpty())) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!job.alive()) {
            String output = job.output().strip();
            jobs.kill(job.number());
            return new CommandOutcome.Rejected(display, "exited at once: " + (output.isEmpty() ? "(no output)" : output));
        }
        return new CommandOutcome.Background(display, job, first.strip());
    }
}
