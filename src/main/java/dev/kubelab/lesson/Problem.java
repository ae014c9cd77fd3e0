package dev.kubelab.lesson;

import java.nio.file.Path;

/** One thing wrong with a lesson file, printed as {@code file:line: message}. */
public record Problem(Path file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
