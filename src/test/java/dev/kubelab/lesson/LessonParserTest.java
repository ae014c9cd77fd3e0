package dev.kubelab.lesson;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files: a parsed lesson's dump, and lint's file:line messages for each broken fixture.
 * Regenerate with -Dkubelab.golden.update=true after checking the difference by eye.
 */
class LessonParserTest {

    private static final Path RES = Path.of("src/test/resources/lessons");
    private static final boolean UPDATE = Boolean.getBoolean("kubelab.golden.update");

    @Test
    void exampleFromTheAuthorGuideParsesToTheGoldenModel() throws IOException {
        LessonParser.Result r = new LessonParser().parse(RES.resolve("good/example-endpoints.md"));
        assertEquals(List.of(), r.problems());
        golden(RES.resolve("good/example-endpoints.golden"), LessonDump.dump(r.lesson()).replace(RES.toAbsolutePath().toString(), "RES"));
    }

    @Test
    void eachBrokenFixtureGivesItsFileLineMessages() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(RES.resolve("broken"))) {
            files = s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
        }
        StringBuilder all = new StringBuilder();
        for (Path f : files) {
            LessonParser.Result r = new LessonParser().parse(f);
            assertTrue(r.lesson() == null && !r.problems().isEmpty(), f + " should have problems");
            all.append(r.problems().stream().map(Problem::toString).collect(Collectors.joining("\n"))).append('\n');
        }
        golden(RES.resolve("broken/expected.txt"), all.toString());
    }

    @Test
    void missingFileIsOneProblemNotAnException() {
        LessonParser.Result r = new LessonParser().parse(RES.resolve("nope.md"));
        assertEquals(1, r.problems().size());
        assertTrue(r.problems().get(0).message().startsWith("cannot read lesson"));
    }

    @Test
    void stepIdsComeFromHeadingsOrExplicitIds() {
        assertEquals("short-names-stop-at-the-namespace", LessonParser.slug("Short names stop at the `namespace`"));
    }

    static void golden(Path file, String actual) throws IOException {
        if (UPDATE) {
            Files.writeString(file, actual);
        }
        // a missing golden file fails: -Dkubelab.golden.update=true writes it
        assertTrue(Files.exists(file), "no golden file " + file + " (write it with -Dkubelab.golden.update=true)");
        assertEquals(Files.readString(file), actual, "golden file " + file + " differs");
    }
}
