#!/usr/bin/env bash
# REPL benchmark: launch-to-prompt, first and later JShell eval latency, RSS after a lesson.
# Drives ./kubelab over a pipe (as a learner's scripted session would). Uses the local cluster
# when it is up (KUBELAB_LOCAL_STATE, default /var/lib/kubelab/local).
#   bench/repl.sh [LESSON_DIR]      KUBELAB_CMD="java -cp ... dev.kubelab.cli.Main" to drive another build
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
mvn -B -q -o -DskipTests test-compile >/dev/null
./kubelab --version >/dev/null   # build the launcher's jar if sources changed, so it is not timed
java -cp "target/test-classes:target/classes:$(cat target/runtime-classpath.txt)" dev.kubelab.bench.ReplBenchmark "$@"
