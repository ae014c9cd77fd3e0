package dev.kubelab.kube;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineTest {

    @Test
    void splitsLikeAShellWithoutExpanding() {
        CommandLine c = CommandLine.parse("kubectl -n trino patch cm x -p '{\"data\":{\"a\":\"$HOME\"}}' \"two words\" a\\ b");
        assertEquals(List.of("kubectl", "-n", "trino", "patch", "cm", "x", "-p", "{\"data\":{\"a\":\"$HOME\"}}", "two words", "a b"),
                c.argv());
        assertNull(c.stdin());
    }

    @Test
    void hereDocumentBecomesStdin() {
        CommandLine c = CommandLine.parse("kubectl apply -f - <<EOF\nkind: Pod\nmetadata: {}\nEOF");
        assertEquals(List.of("kubectl", "apply", "-f", "-"), c.argv());
        assertEquals("kind: Pod\nmetadata: {}\n", c.stdin());
    }

    @Test
    void reportsUnclosedQuotesAndHereDocs() {
        assertEquals("unclosed single quote",
                assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("kubectl get 'pods")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("kubectl apply -f - <<EOF\nkind: Pod"));
        assertThrows(IllegalArgumentException.class, () -> CommandLine.parse("kubectl get pods\nkubectl get svc"));
    }

    @Test
    void scriptSplitsLinesContinuationsAndHereDocs() {
        List<String> cmds = CommandScript.split("""
                # a comment
                kubectl get pods \\
                  -n garage
                kubectl apply -f - <<EOF
                kind: Pod
                EOF

                !echo hi
                """);
        assertEquals(List.of("kubectl get pods -n garage", "kubectl apply -f - <<EOF\nkind: Pod\nEOF", "!echo hi"), cmds);
    }

    @Test
    void displayQuotesOnlyWhatNeedsIt() {
        assertEquals("kubectl get 'a b' pods", CommandLine.of("kubectl", "get", "a b", "pods").display());
    }
}
