package dev.kubelab.repl;

final class HelpCmd implements SlashCommand {
    public String name() {
        return "help";
    }

    public String help() {
        return "this list";
    }

    public void run(Repl repl, String args) {
        Console c = repl.console();
        c.println("Type a command, Java, or a /command:");
        c.println("  kubectl ... / k ...   run kubectl on the lesson's cluster (output streams; Ctrl-C stops it)");
        c.println("  ... &                 run it in the background (port-forward always is); see /jobs");
        c.println("  !...                  run a shell command with the lesson's KUBECONFIG");
        c.println("  anything else         Java (JShell): `client` is the lesson's fabric8 client;");
        c.println("                        pods(ns), services(ns), endpoints(ns, svc), clusterIP(ns, svc) help");
        c.println("");
        for (SlashCommand s : repl.dispatcher().all()) {
            String head = "/" + s.name() + (s.args().isEmpty() ? "" : " " + s.args());
            c.println(String.format("  %-21s %s", head, s.help()));
        }
        c.println("");
        c.println("Tab completes commands, lesson ids, kubectl verbs and names, and Java. Ctrl-D saves and quits.");
    }
}
