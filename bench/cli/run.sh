#!/usr/bin/env bash
# Whole-system benchmark of pbm and the API: starts a daemon in a temp PBM_HOME with 100 programs, then
#   1. pbm one-shot `process list` wall time (median of N runs),
#   2. API round trip over the Unix socket and 100 concurrent clients (bench/Cli.Bench).
# usage: bench/cli/run.sh [RUNS]   (Release build; everything started is stopped at the end)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-30}"
cfg=Release
dotnet build "$root/src/Cli" -c $cfg -v q -nologo >/dev/null
dotnet build "$root/src/Daemon" -c $cfg -v q -nologo >/dev/null
dotnet build "$root/bench/Cli.Bench" -c $cfg -v q -nologo >/dev/null
pbm="$root/src/Cli/bin/$cfg/net10.0/pbm"
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

samples=()
for _ in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$pbm" process list > /dev/null
  end=$(date +%s%N)
  samples+=($(( (end - start) / 1000 )))
done
sorted=($(printf '%s\n' "${samples[@]}" | sort -n))
median=${sorted[$(( runs / 2 ))]}
echo "pbm process list (100 programs, one-shot, $runs runs): median $((median / 1000)).$(( (median % 1000) / 100 )) ms, min $((sorted[0] / 1000)) ms, max $((sorted[runs - 1] / 1000)) ms"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

dotnet "$root/bench/Cli.Bench/bin/$cfg/net10.0/ProcessManager.Cli.Bench.dll" "$PBM_HOME/pbm.sock" 200
