#!/usr/bin/env bash
# Time to parse and lint all lessons (goal: < 200 ms after JVM start), and the whole CLI call.
#  1. in-process, a plain JVM (no class data sharing): first call after JVM start, then warm;
#  2. the real launcher (./kubelab, with its class-data-sharing archive): the parse+lint time it reports
#     (KUBELAB_TIMING=1) and the whole process, 5 runs each.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat target/runtime-classpath.txt)"
echo "== plain JVM"
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$cp" dev.kubelab.bench.LintBenchmark lessons
echo "== ./kubelab lint lessons (launcher, class data sharing)"
./kubelab lint lessons >/dev/null 2>&1  # builds if needed, and writes the archive
./kubelab lint lessons >/dev/null 2>&1
for i in 1 2 3 4 5; do
  s=$(date +%s%N)
  t=$(KUBELAB_TIMING=1 ./kubelab lint lessons 2>&1 >/dev/null | tail -1)
  e=$(date +%s%N)
  echo "run $i: $t; whole process $(( (e - s) / 1000000 )) ms"
done
