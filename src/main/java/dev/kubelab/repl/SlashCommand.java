package dev.kubelab.repl;

/** One {@code /command}. Each lives in its own class; {@link Dispatcher} finds them by name. */
interface SlashCommand {

    String name();

    /** Argument synopsis for /help, e.g. "ID" or "[FILE]"; empty when none. */
    default String args() {
        return "";
    }

    String help();

    void run(Repl repl, String args);
}
