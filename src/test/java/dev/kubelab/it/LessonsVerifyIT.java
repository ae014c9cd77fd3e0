package dev.kubelab.it;

import dev.kubelab.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `kubelab verify` over every shipped lesson on the local cluster: the lessons' own proof. */
class LessonsVerifyIT {

    @Test
    void everyLessonVerifiesOnTheLocalCluster() {
        LiveCluster.require();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.setProperty("kubelab.root", LiveCluster.sourceRoot().toString());
        // progress shows as it happens (a lesson takes minutes); the copy is asserted on
        int code = Main.run(new String[] {"verify", "--cluster", "local"}, new PrintWriter(new Tee(out), true),
                new PrintWriter(new Tee(err), true));
        String last = out.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("\\d+ passed, 0 failed"), "verify: " + last + "\n" + out + err);
        assertEquals(0, code, out.toString() + err);
    }

    /** Writes to the StringWriter and to the test's stdout. */
    private static final class Tee extends Writer {
        private final StringWriter copy;

        Tee(StringWriter copy) {
            this.copy = copy;
        }

        @Override
        public void write(char[] buf, int off, int len) {
            copy.write(buf, off, len);
            System.out.print(new String(buf, off, len));
        }

        @Override
        public void flush() {
            System.out.flush();
        }

        @Override
        public void close() {
        }
    }
}
