package dev.kubelab.session;

import dev.kubelab.lesson.Lesson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The decision logic of the NetworkPolicy self-test; the live run is in the cluster contract IT. */
class NetworkPolicySelfTestTest {

    private static final Duration S = Duration.ofSeconds(1);

    private static Lesson lesson(Set<String> requires) {
        return new Lesson(Path.of("l.md"), "np", "NP", "", 5, List.of("a"), requires, List.of(), false, List.of(), List.of());
    }

    @Test
    void blockedUnderDenyAllAfterWorkingWithoutItIsEnforcement() {
        assertInstanceOf(NetworkPolicySelfTest.Result.Enforced.class, NetworkPolicySelfTest.decide(true, false, S, S, S));
    }

    @Test
    void stillReachableUnderDenyAllIsNoEnforcement() {
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.decide(true, true, Duration.ZERO, Duration.ofSeconds(20), S);
        assertInstanceOf(NetworkPolicySelfTest.Result.NotEnforced.class, r);
        assertTrue(r.summary().contains("not enforced") && r.summary().contains("20 s"), r.summary());
    }

    @Test
    void aConnectionThatNeverWorkedProvesNothing() {
        // the vacuous case: "blocked" under deny-all means nothing if it was blocked anyway
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.decide(false, false, S, S, S);
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class, r);
    }

    @Test
    void lessonsThatNeedEnforcementAreRefusedWithTheReason() {
        String why = NetworkPolicySelfTest.refusal(lesson(Set.of("networkpolicy")),
                () -> NetworkPolicySelfTest.decide(true, true, Duration.ZERO, Duration.ofSeconds(20), S));
        assertTrue(why.startsWith("lesson np needs NetworkPolicy enforcement and will not be graded on this cluster: "
                + "NetworkPolicy is not enforced here"), why);
        String inconclusive = NetworkPolicySelfTest.refusal(lesson(Set.of("networkpolicy")),
                () -> new NetworkPolicySelfTest.Result.Inconclusive("x"));
        assertTrue(inconclusive.endsWith("could not be established: x"), inconclusive);
        assertNull(NetworkPolicySelfTest.refusal(lesson(Set.of("networkpolicy")), () -> NetworkPolicySelfTest.decide(true, false, S, S, S)));
    }

    @Test
    void otherLessonsNeverRunTheSelfTest() {
        AtomicInteger runs = new AtomicInteger();
        assertNull(NetworkPolicySelfTest.refusal(lesson(Set.of()), () -> {
            runs.incrementAndGet();
            return new NetworkPolicySelfTest.Result.Inconclusive("should not run");
        }));
        assertEquals(0, runs.get());
    }

    @Test
    void theTestFetchIsBoundedByTimeoutNotByBusyboxWgetT() {
        List<String> argv = NetworkPolicySelfTest.fetchArgv("10.244.0.9");
        assertEquals(List.of("timeout", "3", "wget", "-q", "-O", "-", "http://10.244.0.9:8080/"), argv);
        assertTrue(!argv.contains("-T"), "busybox 1.35 wget segfaults on -T");
    }
}
