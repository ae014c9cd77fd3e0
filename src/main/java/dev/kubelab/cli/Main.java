package dev.kubelab.cli;

import dev.kubelab.cluster.ClusterSpecException;
import dev.kubelab.cluster.ClusterUnavailableException;
import io.fabric8.kubernetes.client.KubernetesClientException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;

/** {@code kubelab}: the command verbs, and the one place where errors become messages and exit codes. */
@Command(name = "kubelab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Learn Kubernetes networking by predicting and checking against a live cluster.",
        subcommands = {LessonsCommand.class, LintCommand.class, VerifyCommand.class, ClusterCommand.class, DemoCommand.class,
                ExplainCommand.class,
                WorkshopCommand.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs kubelab with the given streams; returns the exit code (used by tests too). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("kubelab: " + message(ex));
            if (System.getenv("KUBELAB_DEBUG") != null) {
                ex.printStackTrace(commandLine.getErr());
            }
            commandLine.getErr().flush();
            return exitCode(ex);
        });
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("kubelab: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.INVALID;
        });
        return cl.execute(args);
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof UserError u) {
            return u.exitCode();
        }
        if (ex instanceof ClusterSpecException) {
            return ExitCode.INVALID;
        }
        if (ex instanceof ClusterUnavailableException || ex instanceof KubernetesClientException) {
            return ExitCode.NO_CLUSTER;
        }
        return ExitCode.INTERNAL;
    }

    static String message(Throwable ex) {
        if (ex instanceof UserError || ex instanceof ClusterUnavailableException) {
            return ex.getMessage();
        }
        if (ex instanceof KubernetesClientException k) {
            return dev.kubelab.kube.Failures.apiMessage(k);
        }
        return "internal error: " + ex + " (please report this with the command you ran)";
    }

    /** The folder lessons/ and clusters/ live in: set by the launcher, else the working directory. */
    static Path root() {
        String r = System.getProperty("kubelab.root");
        return r == null ? Path.of("").toAbsolutePath() : Path.of(r);
    }

    @CommandLine.Mixin
    ClusterOptions clusterOptions;

    @CommandLine.Option(names = "--lessons", paramLabel = "DIR", description = "lesson folder (default: lessons/)")
    Path lessonsDir;

    @CommandLine.Option(names = "--workshop", paramLabel = "FILE",
            description = "join a workshop with your join file from 'workshop provision': lessons run in your slice and the instructor sees your progress")
    Path workshop;

    /** No subcommand: the REPL. */
    @Override
    public void run() {
        if (workshop != null && clusterOptions.cluster != null && !clusterOptions.cluster.equals("auto")) {
            throw new UserError(ExitCode.INVALID, "--workshop brings its own cluster (the workshop's shared one): drop --cluster "
                    + clusterOptions.cluster);
        }
        int code = workshop != null ? ReplCommand.startJoined(workshop, lessonsDir) : ReplCommand.start(clusterOptions, lessonsDir, null);
        if (code != ExitCode.OK) {
            throw new UserError(code, "exited with code " + code);
        }
    }
}
