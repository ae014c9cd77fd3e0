package dev.kubelab.cli;

import dev.kubelab.repl.ProgressStore;
import dev.kubelab.workshop.ProgressFileHistory;
import dev.kubelab.workshop.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Your own predictions over time: accuracy per day, and calibration (the confidence you gave vs how",
                "often you were right). Read from your progress file (KUBELAB_HOME, else the XDG data directory)."})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--data", paramLabel = "DIR", description = "the data directory holding progress.yaml")
    Path data;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = data != null ? data : ProgressStore.dataDir(System.getenv());
        try {
            out.print(Report.render(new ProgressFileHistory(dir.resolve("progress.yaml")).outcomes(), ZoneId.systemDefault()));
        } catch (ProgressFileHistory.Unreadable e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        }
        out.flush();
        return ExitCode.OK;
    }
}
