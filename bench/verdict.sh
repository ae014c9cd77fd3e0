#!/usr/bin/env bash
# Check verdict latency once the state holds (goal: <= 1 s), on the running local cluster.
#   bench/verdict.sh [LESSON_FILE] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -o test-compile >/dev/null 2>&1 || mvn -B -q test-compile
cp="target/classes:target/test-classes:$(cat target/runtime-classpath.txt)"
export KUBELAB_LOCAL_STATE="${KUBELAB_LOCAL_STATE:-/var/lib/kubelab/local}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$cp" dev.kubelab.bench.VerdictLatencyBenchmark "${1:-lessons/03-cluster-dns.md}" "${2:-10}"
