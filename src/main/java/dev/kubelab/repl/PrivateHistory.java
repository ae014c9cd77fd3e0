package dev.kubelab.repl;

import org.jline.reader.impl.history.DefaultHistory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The REPL's command history: redacted like an exported transcript (a token typed into a command
 * is not kept) and readable by its owner only (0600), also after JLine rewrites the file.
 */
final class PrivateHistory extends DefaultHistory {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;

    PrivateHistory(Path file) {
        this.file = file;
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, Redactor.redact(line));
        restrict(file);
    }

    @Override
    public void save() throws IOException {
        super.save();
        restrict(file);
    }

    /**
     * Before JLine reads it: an existing history (one written before redaction, or by hand) is
     * redacted line by line and made private, replaced atomically so it is never torn.
     */
    static void secure(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> redacted = lines.stream().map(Redactor::redact).toList();
        if (!redacted.equals(lines)) {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.write(tmp, redacted, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        restrict(file);
    }

    private static void restrict(Path file) {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // history is a convenience; a file system without POSIX modes keeps its own
        }
    }
}
