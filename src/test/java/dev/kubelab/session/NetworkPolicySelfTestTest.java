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

    private static final NetworkPolicySelfTest.Fetch B = NetworkPolicySelfTest.Fetch.BLOCKED;
    private static final NetworkPolicySelfTest.Fetch R = NetworkPolicySelfTest.Fetch.REACHED;
    private static final NetworkPolicySelfTest.Fetch E = NetworkPolicySelfTest.Fetch.ERROR;

    static NetworkPolicySelfTest.Result enforced() {
        return NetworkPolicySelfTest.decide(true, List.of(R, B, B, B), true, S, S, S);
    }

    static NetworkPolicySelfTest.Result notEnforced() {
        return NetworkPolicySelfTest.decide(true, List.of(R, R, R, R), true, Duration.ZERO, Duration.ofSeconds(20), S);
    }

    @Test
    void blockedThreeTimesInARowWithALiveServerIsEnforcement() {
        assertInstanceOf(NetworkPolicySelfTest.Result.Enforced.class, enforced());
        assertInstanceOf(NetworkPolicySelfTest.Result.Enforced.class,
                NetworkPolicySelfTest.decide(true, List.of(B, B, B), true, S, S, S));
    }

    @Test
    void oneFailedFetchIsNotEnforcement() {
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.decide(true, List.of(R, B, R, R), true, S, Duration.ofSeconds(20), S);
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class, r);
        assertTrue(r.summary().contains("mixed"), r.summary());
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class,
                NetworkPolicySelfTest.decide(true, List.of(B), true, S, S, S));
    }

    @Test
    void anExecErrorIsNeverABlockedFetch() {
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.decide(true, List.of(E, E, E), true, S, S, S);
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class, r);
        assertTrue(r.summary().contains("could not run 3 times"), r.summary());
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class,
                NetworkPolicySelfTest.decide(true, List.of(B, E, B), true, S, S, S));
        assertEquals(E, NetworkPolicySelfTest.classify(new dev.kubelab.kube.ProcessResult(127, "", "wget: not found", S, false)));
        assertEquals(E, NetworkPolicySelfTest.classify(new dev.kubelab.kube.ProcessResult(-1, "", "", S, true)));
        assertEquals(B, NetworkPolicySelfTest.classify(new dev.kubelab.kube.ProcessResult(124, "", "", S, false)));
        assertEquals(B, NetworkPolicySelfTest.classify(new dev.kubelab.kube.ProcessResult(1, "", "Connection refused", S, false)));
        assertEquals(R, NetworkPolicySelfTest.classify(new dev.kubelab.kube.ProcessResult(0, "kubelab-ok\n", "", S, false)));
        assertEquals(E, NetworkPolicySelfTest.classify(new dev.kubelab.kube.ProcessResult(0, "another page", "", S, false)));
    }

    @Test
    void aDeadServerMakesBlockedFetchesProveNothing() {
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.decide(true, List.of(B, B, B), false, S, S, S);
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class, r);
        assertTrue(r.summary().contains("loopback"), r.summary());
    }

    @Test
    void stillReachableUnderDenyAllIsNoEnforcement() {
        NetworkPolicySelfTest.Result r = notEnforced();
        assertInstanceOf(NetworkPolicySelfTest.Result.NotEnforced.class, r);
        assertTrue(r.summary().contains("not enforced") && r.summary().contains("20 s"), r.summary());
    }

    @Test
    void aConnectionThatNeverWorkedProvesNothing() {
        // the vacuous case: "blocked" under deny-all means nothing if it was blocked anyway
        NetworkPolicySelfTest.Result r = NetworkPolicySelfTest.decide(false, List.of(B, B, B), true, S, S, S);
        assertInstanceOf(NetworkPolicySelfTest.Result.Inconclusive.class, r);
    }

    @Test
    void lessonsThatNeedEnforcementAreRefusedWithTheReason() {
        String why = NetworkPolicySelfTest.refusal(lesson(Set.of("networkpolicy")),
                NetworkPolicySelfTestTest::notEnforced);
        assertTrue(why.startsWith("lesson np needs NetworkPolicy enforcement and will not be graded on this cluster: "
                + "NetworkPolicy is not enforced here"), why);
        String inconclusive = NetworkPolicySelfTest.refusal(lesson(Set.of("networkpolicy")),
                () -> new NetworkPolicySelfTest.Result.Inconclusive("x"));
        assertTrue(inconclusive.endsWith("could not be established: x"), inconclusive);
        assertNull(NetworkPolicySelfTest.refusal(lesson(Set.of("networkpolicy")), NetworkPolicySelfTestTest::enforced));
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
