package dev.kubelab.cli;

import dev.kubelab.repl.ProgressStore;
import dev.kubelab.workshop.ProgressFileHistory;
import dev.kubelab.workshop.Report;
import dev.kubelab.workshop.ReportHtml;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Your own predictions over time: accuracy per day, and calibration (the confidence you gave vs how",
                "often you were right). Read from your progress file (KUBELAB_HOME, else the XDG data directory).",
                "Example: kubelab report --html report.html"})
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--data", paramLabel = "DIR", description = "the data directory holding progress.yaml")
    Path data;

    @CommandLine.Option(names = "--html", paramLabel = "FILE",
            description = "also write the report as one self-contained web page (charts included) to FILE")
    Path html;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = data != null ? data : ProgressStore.dataDir(System.getenv());
        List<Report.Outcome> outcomes;
        try {
            outcomes = new ProgressFileHistory(dir.resolve("progress.yaml")).outcomes();
        } catch (ProgressFileHistory.Unreadable e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        }
        out.print(Report.render(outcomes, ZoneId.systemDefault()));
        if (html != null) {
            String page = ReportHtml.render(Report.summarize(outcomes, ZoneId.systemDefault()),
                    System.getProperty("user.name", "you") + " (" + dir.resolve("progress.yaml") + ")", Instant.now());
            try {
                Path parent = html.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(html, page);
            } catch (IOException e) {
                throw new UserError(ExitCode.INVALID, "cannot write " + html + ": " + e.getMessage());
            }
            out.println("report page: " + html.toAbsolutePath());
        }
        out.flush();
        return ExitCode.OK;
    }
}
