package dev.kubelab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code kubelab ARGS} with captured streams: what tests assert on. */
public record CliRun(int code, String out, String err) {

    public static CliRun run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
