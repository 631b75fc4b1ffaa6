#!/usr/bin/env bash
# Whole-system benchmark of pbmd + pbm from outside (pbm calls and /proc only): issue 16's table.
#   bench/system/run.sh [options of system_bench.py]     e.g. --cycles 5 --cpu-window 30 --phases main,big,log
# NO_BUILD=1 skips the Release builds (pbmd published ReadyToRun, and pbm as Native AOT; the JIT pbm is used when
# publishing fails).
# Each scenario runs on a fresh daemon in a temporary PBM_HOME, --cycles times (default 5), and the summary gives
# medians; everything started is ended by pid and the temporary homes are removed. See system_bench.py for the
# scenarios. Run it when the machine is quiet: the load average is printed with the results.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cfg=Release
aot="$root/src/Cli/bin/$cfg/net10.0/linux-x64/publish/pbm"
jit="$root/src/Cli/bin/$cfg/net10.0/pbm.dll"
if [ -z "${NO_BUILD:-}" ]; then
  dotnet publish -c $cfg "$root/src/Daemon" -v q -nologo >/dev/null  # ReadyToRun, as README builds it
  dotnet publish -c $cfg "$root/src/Cli" -v q -nologo >/dev/null 2>&1 || dotnet build -c $cfg "$root/src/Cli" -v q -nologo >/dev/null
fi
# The ReadyToRun publish (src/Daemon/bin/Release/net10.0/<rid>/publish/pbmd); the plain build when there is none.
published=$(ls -t "$root"/src/Daemon/bin/$cfg/net10.0/*/publish/pbmd 2>/dev/null | head -1 || true)
export PBM_DAEMON="${PBM_DAEMON:-${published:-$root/src/Daemon/bin/$cfg/net10.0/pbmd}}"  # another build to compare: PBM_DAEMON=...
if [ -x "$aot" ]; then
  pbm=(--pbm "$aot")
elif [ -f "$jit" ]; then
  pbm=(--pbm dotnet --pbm "$jit")
else
  echo "no pbm build found ($aot or $jit); run without NO_BUILD=1" >&2
  exit 1
fi
exec python3 "$root/bench/system/system_bench.py" "${pbm[@]}" "$@"
