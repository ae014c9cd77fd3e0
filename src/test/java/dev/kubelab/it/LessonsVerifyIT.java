package dev.kubelab.it;

import dev.kubelab.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

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
        int code = Main.run(new String[] {"verify", "--cluster", "local"}, new PrintWriter(out, true), new PrintWriter(err, true));
        System.out.println(out);
        System.err.println(err);
        String last = out.toString().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.matches("\\d+ passed, 0 failed"), "verify: " + last + "\n" + out + err);
        assertEquals(0, code, out.toString() + err);
    }
}
