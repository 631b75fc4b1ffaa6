#!/usr/bin/env bash
# Whole-system benchmark of pbm and the API: starts a daemon in a temp PBM_HOME with 100 programs, then
#   1. pbm one-shot wall time (median of N runs) for `process list`, `daemon status` and `--version`,
#      with the Native AOT pbm (`dotnet publish -c Release src/Cli`) and, for comparison, the JIT build;
#   2. API round trip over the Unix socket and 100 concurrent clients (bench/Cli.Bench).
# usage: bench/cli/run.sh [RUNS]   (Release builds; everything started is stopped at the end)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-30}"
cfg=Release
dotnet publish "$root/src/Cli" -c $cfg -v q -nologo >/dev/null
dotnet build "$root/src/Cli" -c $cfg -v q -nologo >/dev/null
dotnet build "$root/src/Daemon" -c $cfg -v q -nologo >/dev/null
dotnet build "$root/bench/Cli.Bench" -c $cfg -v q -nologo >/dev/null
rid="$(dotnet msbuild "$root/src/Cli" -getProperty:NETCoreSdkPortableRuntimeIdentifier)"
aot="$root/src/Cli/bin/$cfg/net10.0/$rid/publish/pbm"
jit="$root/src/Cli/bin/$cfg/net10.0/pbm"
pbm="$aot"
export PBM_HOME="$(mktemp -d)" HOME="$(mktemp -d)" PBM_DAEMON="$root/src/Daemon/bin/$cfg/net10.0/pbmd"
cleanup() { "$pbm" daemon stop >/dev/null 2>&1 || true; rm -rf "$PBM_HOME" "$HOME"; }
trap cleanup EXIT

# 100 concurrent clients need more than the default pbm.api.max-connections (64).
echo 'pbm.api.max-connections = 256' > "$PBM_HOME/bench-daemon.conf"
"$pbm" daemon start --config "$PBM_HOME/bench-daemon.conf"
{
  echo "processes {"
  for i in $(seq 1 100); do echo "  p$i { command = [\"sleep\", \"3600\"] }"; done
  echo "}"
} > "$PBM_HOME/bench.conf"
"$pbm" process apply "$PBM_HOME/bench.conf" | tail -1
test "$("$pbm" process list | wc -l)" -eq 100
test "$("$jit" process list | wc -l)" -eq 100

# Children's CPU time (user + sys) in microseconds from a saved `times` output (its second line). `times` itself
# must run in this shell, not in a $(...) subshell, whose children's times start at zero.
children_cpu_us() {
  tail -1 "$1" | awk '{ n = split($1 " " $2, t, /[ ms]+/); us = 0
    for (i = 1; i + 1 <= n; i += 2) us += (t[i] * 60 + t[i + 1]) * 1000000; printf "%d", us }'
}

# measure LABEL COMMAND...: runs COMMAND (output discarded) $runs times after one warm-up; prints the median, min
# and max wall time (bash's EPOCHREALTIME: no fork around the command) and the mean CPU time per run, which a
# loaded machine distorts much less than wall time.
measure() {
  local label="$1"; shift
  "$@" > /dev/null
  local samples=() start end cpu_before cpu_after
  times > "$PBM_HOME/times-before"
  for _ in $(seq 1 "$runs"); do
    start=${EPOCHREALTIME/./}
    "$@" > /dev/null
    end=${EPOCHREALTIME/./}
    samples+=($(( end - start )))
  done
  times > "$PBM_HOME/times-after"
  cpu_before=$(children_cpu_us "$PBM_HOME/times-before")
  cpu_after=$(children_cpu_us "$PBM_HOME/times-after")
  local sorted=($(printf '%s\n' "${samples[@]}" | sort -n))
  local median=${sorted[$(( runs / 2 ))]} cpu=$(( (cpu_after - cpu_before) / runs ))
  printf '%-34s median %3d.%d ms (min %3d, max %4d ms), cpu %2d.%d ms/run (%d runs)\n' "$label" \
    $((median / 1000)) $(( (median % 1000) / 100 )) $((sorted[0] / 1000)) $((sorted[runs - 1] / 1000)) \
    $((cpu / 1000)) $(( (cpu % 1000) / 100 )) "$runs"
}

echo "load average before: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores"
echo "pbm one-shot wall time, 100 programs running (AOT binary $(( $(stat -c %s "$aot") / 1024 / 1024 )) MB):"
measure "AOT pbm process list" "$aot" process list
measure "JIT pbm process list" "$jit" process list
measure "AOT pbm process list --json" "$aot" process list --json
measure "AOT pbm daemon status" "$aot" daemon status
measure "JIT pbm daemon status" "$jit" daemon status
measure "AOT pbm --version (no daemon call)" "$aot" --version
measure "JIT pbm --version (no daemon call)" "$jit" --version
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

dotnet "$root/bench/Cli.Bench/bin/$cfg/net10.0/ProcessManager.Cli.Bench.dll" "$PBM_HOME/pbm.sock" 200
