package dev.kubelab.lesson;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.probe.ProbeSpec;

import java.util.List;
import java.util.Map;

/** The typed pieces of a step, in the order the author wrote them. {@code line} is 1-based. */
public sealed interface Block {

    int line();

    /** Markdown for the learner to read (display-only code blocks included). */
    record Prose(String markdown, int line) implements Block {
    }

    /** A runnable example: kubectl, shell or Java. */
    record Cell(Language language, String code, int line) implements Block {
        public enum Language { KUBECTL, SHELL, JAVA }
    }

    /**
     * Manifests (multi-document YAML) applied when the lesson (or this step) is set up; {@code objects} are its
     * documents as parsed by the lesson parser (for lint: what the lesson creates).
     */
    record Setup(String yaml, int line, List<Map<String, Object>> objects) implements Block {
        public Setup {
            objects = List.copyOf(objects);
        }
    }

    record Prediction(PredictionSpec spec) implements Block {
        public int line() {
            return spec.line();
        }
    }

    record Check(CheckSpec spec) implements Block {
        public int line() {
            return spec.line();
        }
    }

    record Hint(String markdown, int line) implements Block {
    }

    /** Commands that make the step's checks pass. */
    record Solution(List<String> commands, int line) implements Block {
    }

    /**
     * A plausible mistake the checks must reject: commands run on a fresh setup after which
     * {@code check} must fail, or an {@code answer} that grading {@code prediction} must call wrong.
     */
    /**
     * A declared mistake. {@code refused}: the mistake's last command is one kubectl or the API
     * refuses (the lesson shows that refusal); verify then requires it to fail, and every other
     * command of every wrong answer to succeed.
     */
    /**
     * A declared mistake. {@code shows} (check mistakes only, optional): what the check's probe
     * sees in the cluster this mistake leaves behind; verify proves it, and a learner whose failing
     * check sees the same is told {@code why}.
     */
    record Wrong(String check, String prediction, List<String> commands, String answer, String why, int line, boolean refused,
                 dev.kubelab.check.Expectation shows) implements Block {

        public Wrong(String check, String prediction, List<String> commands, String answer, String why, int line, boolean refused) {
            this(check, prediction, commands, answer, why, line, refused, null);
        }
    }

    /** Values observed when the step starts, usable later as {@code ${name}} (e.g. a pod's IP before a restart). */
    record Remember(Map<String, ProbeSpec> probes, int line) implements Block {
    }

    /** Commands run when the lesson is left, beyond deleting its namespaces. */
    record Cleanup(List<String> commands, int line) implements Block {
    }
}
