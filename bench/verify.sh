#!/usr/bin/env bash
# How long `kubelab verify` takes on the local cluster (which must be up: clusters/local/kubelab-local up).
# Prints, per lesson, its total and where the time went (--profile), then the wall time for
#   1. every lesson, one at a time, in the lessons' own namespaces   (--jobs 1)
#   2. every lesson, JOBS at a time (default: verify's default)        (--jobs JOBS)
#   3. 16 lesson-equivalents: every lesson twice, JOBS at a time       (--copies 2)
# Usage: bench/verify.sh [JOBS] [which: all|1|2|3]   e.g. bench/verify.sh 4 2
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jobs="${1:-}"
which="${2:-all}"
j=${jobs:+--jobs $jobs}
run() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  local log; log=$(mktemp)
  if ./kubelab verify --cluster local --profile "$@" > "$log" 2>&1; then ok=yes; else ok=no; fi
  grep -E '^(PASS|FAIL|SKIP)|^     (time|-)|lesson run' "$log" | sed 's/^/    /'
  printf '%-44s %5d s wall, all passed: %s\n' "$name" "$(( $(date +%s) - t0 ))" "$ok"
  rm -f "$log"
}
[[ $which == all || $which == 1 ]] && run "all lessons, --jobs 1" --jobs 1
[[ $which == all || $which == 2 ]] && run "all lessons, ${jobs:-default} at a time" $j
[[ $which == all || $which == 3 ]] && run "16 lesson-equivalents (--copies 2)" $j --copies 2
exit 0
