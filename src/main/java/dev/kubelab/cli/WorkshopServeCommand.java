package dev.kubelab.cli;

import dev.kubelab.session.LessonCatalog;
import dev.kubelab.workshop.Syllabus;
import dev.kubelab.workshop.WorkshopFile;
import dev.kubelab.workshop.WorkshopServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"The instructor's live view: learners' kubelab posts progress and predictions here; open the printed",
                "address to see the learner x step grid, who is stuck, and each prediction's answers. Events are stored in",
                "DIR/events (H2), so a restart loses nothing. Listens on 127.0.0.1 unless --host says otherwise."})
final class WorkshopServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--dir", required = true, paramLabel = "DIR", description = "the workshop's folder (from provision)")
    Path dir;

    @CommandLine.Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for the room's network)")
    String host;

    @CommandLine.Option(names = "--port", defaultValue = "8088", paramLabel = "PORT", description = "default ${DEFAULT-VALUE}")
    int port;

    @CommandLine.Option(names = "--lessons", paramLabel = "DIR", description = "lesson folder (default: lessons/)")
    Path lessonsDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        WorkshopFile wf;
        try {
            wf = WorkshopFile.read(dir.resolve(WorkshopFile.FILE));
        } catch (IOException e) {
            throw new UserError(ExitCode.INVALID, "cannot read the workshop: " + e.getMessage());
        }
        LessonCatalog catalog = LessonCatalog.load(List.of(lessonsDir != null ? lessonsDir : Main.root().resolve("lessons")));
        Syllabus syllabus = Syllabus.of(wf, catalog.lessons());
        WorkshopServer server;
        dev.kubelab.workshop.ServerCertificate.Keystore keystore;
        String fingerprint;
        try {
            keystore = dev.kubelab.workshop.ServerCertificate.Keystore.in(dir);
            fingerprint = keystore == null ? null : keystore.fingerprint();
        } catch (java.io.IOException e) {
            throw new UserError(ExitCode.INVALID, "cannot read the server's TLS keystore in " + dir + ": " + e.getMessage());
        }
        try {
            server = WorkshopServer.start(wf, dir.resolve("events"), host, port, syllabus.steps(), syllabus.questions(), keystore);
        } catch (SQLException e) {
            throw new UserError(ExitCode.INVALID, "cannot open the event store in " + dir.resolve("events") + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        } catch (IllegalStateException e) {
            throw new UserError(ExitCode.INVALID, e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (SQLException ignored) {
                // exiting anyway
            }
            stopped.countDown();
        }));
        String scheme = keystore != null ? "https" : "http";
        out.println("workshop " + wf.name() + ": dashboard " + scheme + "://" + host + ":" + server.port() + "/?token=" + wf.token()
                + "   (opening it moves the token into a cookie)");
        if (fingerprint != null) {
            out.println("  TLS with the workshop's own certificate " + fingerprint + " (learners' join files pin it; "
                    + "your browser will ask you to accept it once)");
        } else {
            out.println("  plain HTTP: events and the instructor's token cross the network in clear; provision with "
                    + "--server https://HOST:PORT for TLS");
        }
        out.println("  " + wf.learnerTokens().size() + " learners; events stored in " + dir.resolve("events") + "; Ctrl-C stops");
        out.flush();
        stopped.await();
        return ExitCode.OK;
    }
}
