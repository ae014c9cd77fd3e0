#!/usr/bin/env bash
# Time to parse and lint all lessons (goal: < 200 ms after JVM start), and the whole CLI call.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat target/runtime-classpath.txt)"
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp" dev.kubelab.bench.LintBenchmark lessons
./kubelab lint lessons >/dev/null  # builds if needed
start=$(date +%s%N); for i in 1 2 3 4 5; do ./kubelab lint lessons >/dev/null; done; end=$(date +%s%N)
echo "./kubelab lint lessons, whole process: $(( (end - start) / 5000000 )) ms average of 5"
