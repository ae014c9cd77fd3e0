#!/usr/bin/env bash
# Load on `kubelab workshop serve` (loopback only, bounded): LEARNERS simulated learners (default 50) post
# EVENTS each (default 40), each learner waiting INTERVAL_MS after an acknowledged event (default 0:
# as fast as the server acknowledges); the server is restarted mid-run. Prints events/s, p99 latency until the
# dashboard reflects an event (goal <= 1 s), and whether any event was lost.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat target/runtime-classpath.txt)"
java -cp "$cp" dev.kubelab.workshop.WorkshopLoad "${1:-50}" "${2:-40}" "${3:-0}"
