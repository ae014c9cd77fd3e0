package dev.kubelab.session;

import dev.kubelab.check.AnswerKind;
import dev.kubelab.check.PredictionSpec;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Step;
import dev.kubelab.probe.ProbeSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GiveawaysTest {

    private static PredictionSpec predict(String id, AnswerKind kind) {
        return new PredictionSpec(id, "q?", kind, List.of(), new ProbeSpec.PodIps("garage", "app=garage"), null, null, "why", 1);
    }

    private static Step step(String title, Block... blocks) {
        return new Step("s", title, 1, List.of(blocks));
    }

    @Test
    void anAnswerInTheProseBeforeTheQuestionGivesItAway() {
        PredictionSpec p = predict("ip", AnswerKind.IP);
        Step told = step("Pod IPs", new Block.Prose("garage-0 has the IP ${ip}; remember it.", 2), new Block.Prediction(p));
        assertEquals(List.of("10.244.0.5"), Giveaways.shownBefore(told, p, "10.244.0.5", t -> t.replace("${ip}", "10.244.0.5")));
        // after the question, the prose may say it
        Step after = step("Pod IPs", new Block.Prediction(p), new Block.Prose("It was 10.244.0.5.", 3));
        assertEquals(List.of(), Giveaways.shownBefore(after, p, "10.244.0.5", t -> t));
    }

    @Test
    void aCommandOrTheHeadingTellsToo() {
        PredictionSpec p = predict("host", AnswerKind.HOST);
        Step cell = step("Names", new Block.Cell(Block.Cell.Language.KUBECTL, "kubectl get pod garage-web-0", 2), new Block.Prediction(p));
        assertEquals(List.of("garage-web-0"), Giveaways.shownBefore(cell, p, "garage-web-0", t -> t));
        Step heading = step("garage-web-0 is the answer", new Block.Prediction(p));
        assertEquals(List.of("garage-web-0"), Giveaways.shownBefore(heading, p, "garage-web-0", t -> t));
    }

    @Test
    void onlyAWholeNameCountsNotAPartOfALongerOne() {
        PredictionSpec p = predict("ip", AnswerKind.IP);
        Step s = step("x", new Block.Prose("10.244.0.50 and 110.244.0.5 and 10.244.0.5.1 are others", 2), new Block.Prediction(p));
        assertEquals(List.of(), Giveaways.shownBefore(s, p, "10.244.0.5", t -> t));
        Step end = step("x", new Block.Prose("the pod answers on 10.244.0.5.", 2), new Block.Prediction(p));
        assertEquals(List.of("10.244.0.5"), Giveaways.shownBefore(end, p, "10.244.0.5", t -> t));
    }

    @Test
    void smallNumbersYesNoAndChoicesAreNotJudged() {
        PredictionSpec n = predict("n", AnswerKind.NUMBER);
        Step s = step("x", new Block.Prose("2 pods, 1 Service, port 3900, yes", 2), new Block.Prediction(n));
        assertEquals(List.of(), Giveaways.shownBefore(s, n, "2", t -> t));
        assertEquals(List.of("3900"), Giveaways.shownBefore(s, n, "3900", t -> t));
        PredictionSpec yes = predict("y", AnswerKind.YESNO);
        assertEquals(List.of(), Giveaways.shownBefore(step("x", new Block.Prose("yes", 2), new Block.Prediction(yes)), yes, "yes", t -> t));
    }
}
