package dev.kubelab.session;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Verdict;
import dev.kubelab.lesson.Block;
import dev.kubelab.lesson.Step;
import dev.kubelab.probe.ProbeSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The generic mutants of one check, in one slice: the lesson is set up, the steps before replayed,
 * the check's own step solved; the check passes. Then each {@link Mutant} that applies to what the
 * check depends on ({@link MutantTargets}) breaks it: the check must stop passing within
 * {@link #KILL_WINDOW} (killed), else the mutant survived; after an equivalent one (pods recreated) it must pass
 * again within {@link #HOLD_WINDOW} (held). Each mutant is undone and the check must
 * pass again before the next, so a kill is the mutant's doing; when it does not, the next mutant
 * gets a fresh setup.
 */
final class MutantRun {

    /**
     * After a mutant took effect (Services gone, pods gone), the check has this long to stop passing:
     * a proxy resync or an enforcer takes a second or two, but a deleted Service's name keeps
     * resolving for as long as DNS caches it (CoreDNS's default: ttl 30 and cache 30). A killed
     * mutant ends the wait at the first failing evaluation; only a survivor costs all of it.
     */
    static final Duration KILL_WINDOW = Duration.ofSeconds(45);

    /** What the mutants of one check found. */
    record Outcome(String check, int killed, List<String> survivors, List<String> problems, boolean noTarget, int held) {
        Outcome(String check, int killed, List<String> survivors, List<String> problems, boolean noTarget) {
            this(check, killed, survivors, problems, noTarget, 0);
        }
    }

    /** After an equivalent mutant (pods recreated), the check has this long to pass again: new pods start and turn Ready. */
    static final Duration HOLD_WINDOW = Duration.ofSeconds(90);

    /** Fresh slice for the lesson, replayed to the check's step and solved. */
    interface Preparer {
        LessonRuntime prepare() throws LessonRuntime.SetupException;
    }

    private MutantRun() {
    }

    /** Whether the check reads anything a mutant can break: a connection, a DNS name, a Service's field or endpoints. */
    static boolean hasTargets(CheckSpec c) {
        List<ProbeSpec> probes = new ArrayList<>(c.let().values());
        probes.add(c.probe());
        return probes.stream().anyMatch(p -> p instanceof ProbeSpec.TcpConnect || p instanceof ProbeSpec.TcpResult || p instanceof ProbeSpec.HttpBodies || p instanceof ProbeSpec.HttpGet
                || p instanceof ProbeSpec.HttpBody || p instanceof ProbeSpec.Ping || p instanceof ProbeSpec.DnsLookup
                || p instanceof ProbeSpec.ServiceField || p instanceof ProbeSpec.EndpointAddresses);
    }

    static Outcome run(Step step, CheckSpec check, LessonRuntime first, Preparer fresh, boolean policiesEnforced,
                       List<String> deleting) {
        String label = step.id() + "/" + check.id();
        int killed = 0;
        int held = 0;
        List<String> survivors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        LessonRuntime rt = first;
        boolean ready = true;
        MutantTargets.Found found = null;
        try {
            for (Mutant m : Mutant.values()) {
                if (!ready) {
                    LessonRuntime old = rt;
                    deleting.addAll(old.tearDownStarted());
                    rt = fresh.prepare();
                    if (old != first && old != rt) {
                        old.close();
                    }
                    ready = true;
                }
                Verdict solved = rt.check(check, LessonVerifier.PATIENCE);
                if (!solved.passed()) {
                    problems.add(label + ": mutants not run: the check does not pass after the solution in a fresh slice");
                    break;
                }
                found = MutantTargets.of(solved.evidence(), rt.namespaces().physicalAll(), rt.client());
                if (found.isEmpty()) {
                    return new Outcome(label, 0, List.of(), problems, true);
                }
                if (!m.applies(found, policiesEnforced) || m == Mutant.DENY_INGRESS && Mutant.alreadyIsolated(rt.client(), found)
                        || check.irrelevantMutants().containsKey(m.id())) {
                    continue;
                }
                Mutant.Applied applied = m.apply(rt.client(), found);
                if (m.equivalent()) {
                    if (applied.recreated() == 0) {
                        continue; // no pod a controller would bring back
                    }
                    ready = rt.check(check, HOLD_WINDOW).passed();
                    if (ready) {
                        held++;
                    } else {
                        survivors.add(label + ": broken by " + m.id() + " (" + m.description() + ", targets " + describe(found)
                                + "): the check no longer passes with new pods, so it depends on one pod instance, not on what "
                                + "the step built");
                    }
                    continue;
                }
                if (awaitNotPassing(rt, check)) {
                    killed++;
                } else {
                    survivors.add(label + ": survived mutant " + m.id() + " (" + m.description() + ", targets "
                            + describe(found) + "): the check still passes");
                }
                m.undo(rt.client(), found, applied);
                ready = m != Mutant.SCALE_TO_ZERO && rt.check(check, LessonVerifier.PATIENCE).passed();
            }
        } catch (LessonRuntime.SetupException e) {
            problems.add(label + ": mutants: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(label + ": mutants interrupted");
        } catch (RuntimeException e) {
            problems.add(label + ": mutants: " + dev.kubelab.kube.Failures.rootMessage(e));
        } finally {
            try {
                deleting.addAll(rt.tearDownStarted());
            } catch (LessonRuntime.SetupException e) {
                problems.add("cleanup after mutants of " + label + ": " + e.getMessage());
            }
            if (rt != first) {
                rt.close();
            }
        }
        return new Outcome(label, killed, survivors, problems, false, held);
    }

    /** Evaluates until the check does not pass (killed) or {@link #KILL_WINDOW} has passed (survived). */
    private static boolean awaitNotPassing(LessonRuntime rt, CheckSpec check) throws InterruptedException {
        long deadline = System.nanoTime() + KILL_WINDOW.toNanos();
        while (rt.check(check, Duration.ZERO).passed()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1000);
        }
        return true;
    }

    private static String describe(MutantTargets.Found f) {
        List<String> names = new ArrayList<>();
        f.services().forEach(t -> names.add("svc " + t.namespace() + "/" + t.service()));
        f.pods().forEach(p -> names.add("pod " + p.namespace() + "/" + p.pod()));
        return String.join(", ", names);
    }

    /** Sets up a slice, replays the steps before {@code step} and solves it. */
    static void prepare(LessonRuntime rt, int step) throws LessonRuntime.SetupException {
        rt.setUp();
        LessonVerifier.replayTo(rt, step);
        Step own = rt.lesson().steps().get(step);
        for (Block.Solution s : own.blocks(Block.Solution.class)) {
            LessonVerifier.runCommands(rt, own, "solution", s.commands());
        }
    }
}
