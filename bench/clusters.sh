#!/usr/bin/env bash
# Cluster backend benchmark: for each backend, cold start (from nothing), warm start (`up` when it
# already runs: a second session), and `kubelab cluster down`; an unavailable backend is reported
# with its reason and how long kubelab took to say so.
#
#   bench/clusters.sh               kind: full cycle where Docker runs; local: warm start only
#   bench/clusters.sh --cycle-local also down + cold up + down + up of the local cluster
#                                   (stops it: never on a cluster others are using)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
cycle_local=false
[ "${1:-}" = "--cycle-local" ] && cycle_local=true
kl="$root/kubelab"
"$kl" --version >/dev/null   # build the launcher's jar first, so it is not timed

now() { date +%s%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f s", (b - a) / 1e9 }'; }
# timed LABEL CMD...: runs CMD quietly, prints LABEL, time and exit code; returns the exit code
timed() {
  local label=$1; shift
  local t0 t1 rc=0 out
  t0=$(now); out=$("$@" 2>&1) || rc=$?; t1=$(now)
  printf '  %-34s %9s  exit %d\n' "$label" "$(secs "$t0" "$t1")" "$rc"
  [ $rc -eq 0 ] || printf '      %s\n' "$(printf '%s' "$out" | tail -n 1 | cut -c1-200)"
  return $rc
}

echo "cluster backends on $(hostname) — $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
echo "kind:"
if timed "status (Docker probe)" "$kl" cluster status --cluster kind; then
  timed "warm up (node already running)" "$kl" cluster up --cluster kind || true
  timed "down" "$kl" cluster down --cluster kind || true
  timed "cold up (node image cached)" "$kl" cluster up --cluster kind || true
  timed "warm up (second session)" "$kl" cluster up --cluster kind || true
  timed "down" "$kl" cluster down --cluster kind || true
else
  kind_status=$("$kl" cluster status --cluster kind 2>&1 || true)
  if [[ $kind_status == "kind: unavailable"* ]]; then
    timed "up without Docker (must fail fast)" "$kl" cluster up --cluster kind || true
    echo "  cold/warm start, down: unavailable here — $(printf '%s' "$kind_status" | sed 's/^kind: unavailable: //' | cut -d. -f1)"
  else
    echo "  node not running: cold start follows (pulls the node image the first time)"
    timed "cold up" "$kl" cluster up --cluster kind || true
    timed "warm up (second session)" "$kl" cluster up --cluster kind || true
    timed "down" "$kl" cluster down --cluster kind || true
  fi
fi

echo "local:"
if timed "status" "$kl" cluster status --cluster local; then
  timed "warm up (already running)" "$kl" cluster up --cluster local || true
  if $cycle_local; then
    timed "down" "$kl" cluster down --cluster local || true
    timed "cold up (build cached)" "$kl" cluster up --cluster local || true
    timed "warm up (second session)" "$kl" cluster up --cluster local || true
  else
    echo "  cold start and down: not measured (shared cluster; pass --cycle-local to stop and restart it)"
  fi
elif $cycle_local; then
  timed "cold up (build cached)" "$kl" cluster up --cluster local || true
  timed "warm up (second session)" "$kl" cluster up --cluster local || true
  timed "down" "$kl" cluster down --cluster local || true
else
  echo "  not running: pass --cycle-local to start it (and stop it again)"
fi
