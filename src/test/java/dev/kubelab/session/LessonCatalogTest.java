package dev.kubelab.session;

import dev.kubelab.lesson.Lesson;
import dev.kubelab.lesson.Problem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The next lesson to suggest, from prerequisites and what the learner finished; prerequisites that name no lesson. */
class LessonCatalogTest {

    private static Lesson lesson(String id, Lesson.Level level, String... after) {
        return new Lesson(Path.of(id + ".md"), id, id.toUpperCase(), "", 10, List.of("ns"), Set.of(), List.of(), false,
                List.of(), List.of(), level, List.of(after));
    }

    private static final LessonCatalog CATALOG = new LessonCatalog(List.of(
            lesson("ips", Lesson.Level.BEGINNER),
            lesson("services", Lesson.Level.BEGINNER, "ips"),
            lesson("policy", Lesson.Level.INTERMEDIATE, "services", "dns"),
            lesson("dns", Lesson.Level.BEGINNER, "services"),
            lesson("capstone", Lesson.Level.ADVANCED, "policy")), List.of());

    @Test
    void suggestsTheFirstUnfinishedLessonWhosePrerequisitesAreFinished() {
        assertEquals("ips", CATALOG.next(Set.of()).id());
        assertEquals("services", CATALOG.next(Set.of("ips")).id());
        // policy comes first in the list but needs dns: dns is suggested
        assertEquals("dns", CATALOG.next(Set.of("ips", "services")).id());
        assertEquals("policy", CATALOG.next(Set.of("ips", "services", "dns")).id());
        // a learner who jumped ahead: the first open lesson with its prerequisites done
        assertEquals("ips", CATALOG.next(Set.of("capstone", "services")).id());
        assertNull(CATALOG.next(Set.of("ips", "services", "policy", "dns", "capstone")));
    }

    @Test
    void whenNoOpenLessonHasItsPrerequisitesTheFirstOpenOneIsSuggested() {
        LessonCatalog onlyAdvanced = new LessonCatalog(List.of(lesson("capstone", Lesson.Level.ADVANCED, "policy"),
                lesson("policy", Lesson.Level.INTERMEDIATE, "capstone")), List.of());
        assertEquals("capstone", onlyAdvanced.next(new HashSet<>()).id());
    }

    @Test
    void missingPrerequisitesAreListedInCatalogOrderAndUnknownIdsAreProblems() {
        Lesson policy = CATALOG.lessons().get(2);
        assertEquals(List.of("services", "dns"), CATALOG.missingBefore(policy, Set.of("ips")).stream().map(Lesson::id).toList());
        assertEquals(List.of("dns"), CATALOG.missingBefore(policy, Set.of("services")).stream().map(Lesson::id).toList());
        assertEquals(3, CATALOG.number(policy));
        assertEquals(List.of(), CATALOG.unknownPrerequisites(Set.of("ips", "services", "policy", "dns", "capstone")));
        List<Problem> p = CATALOG.unknownPrerequisites(Set.of("ips", "services", "policy", "capstone"));
        assertEquals(List.of("policy.md:2: front matter: requiresLessons names 'dns', which no lesson has"),
                p.stream().map(Problem::toString).toList());
    }
}
