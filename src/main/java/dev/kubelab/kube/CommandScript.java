package dev.kubelab.kube;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a block of commands (a lesson's solution, a wrong answer, a pasted script) into single
 * commands: one per line, {@code \} continues a line, {@code <<EOF} takes the lines up to EOF
 * as that command's input, and lines starting with {@code #} are comments.
 */
public final class CommandScript {

    private CommandScript() {
    }

    public static List<String> split(String body) {
        List<String> commands = new ArrayList<>();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            StringBuilder cmd = new StringBuilder(line.stripTrailing());
            while (cmd.length() > 0 && cmd.charAt(cmd.length() - 1) == '\\' && i + 1 < lines.length) {
                cmd.setLength(cmd.length() - 1);
                String kept = cmd.toString().stripTrailing();
                cmd.setLength(0);
                cmd.append(kept).append(' ').append(lines[++i].strip());
            }
            String marker = CommandLine.heredocMarker(cmd.toString());
            if (marker != null) {
                while (++i < lines.length) {
                    cmd.append('\n').append(lines[i]);
                    if (lines[i].strip().equals(marker)) {
                        break;
                    }
                }
            }
            commands.add(cmd.toString().strip());
        }
        return commands;
    }
}
