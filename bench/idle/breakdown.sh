#!/usr/bin/env bash
# Where the daemon's memory goes (issue 16 item 1), at 0 programs and then at each count of `sleep 3600` programs:
#   bench/idle/breakdown.sh DAEMON (pbmd.dll or a published pbmd) OUTDIR [counts, default 100 500]
# After SETTLE seconds (default 20; 130 lets the 60 s heap trim run) it keeps /proc/PID/status, smaps and the thread
# names, and a dotnet-gcdump report (the live GC heap after a full GC; NO_GCDUMP=1 skips it, it needs
# ~/.dotnet/tools/dotnet-gcdump). `python3 bench/idle/smaps.py OUTDIR/smaps-500` sums anonymous memory by mapping.
# Uses the Release pbm build (dotnet build -c Release src/Cli). Everything started is ended by pid.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
daemon_bin=$1; out=$2; shift 2
counts=("$@"); [ ${#counts[@]} -gt 0 ] || counts=(100 500)
settle=${SETTLE:-20}
mkdir -p "$out"
home=$(mktemp -d /tmp/pbm-mem16-XXXXXX); chmod 700 "$home"
pbm() { PBM_HOME="$home" dotnet "$root/src/Cli/bin/Release/net10.0/pbm.dll" "$@"; }
if [[ $daemon_bin == *.dll ]]; then cmd=(dotnet "$daemon_bin"); else cmd=("$daemon_bin"); fi
# shellcheck disable=SC2086
env PBM_HOME="$home" ${PBMD_ENV:-} "${cmd[@]}" >"$home/daemon.out" 2>&1 &
pid=$!
echo "pid $pid home $home" >&2
trap 'kill -TERM $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$home"' EXIT
until PBM_HOME="$home" dotnet "$root/src/Cli/bin/Release/net10.0/pbm.dll" daemon status >/dev/null 2>&1; do kill -0 $pid; sleep 0.3; done
snap() {
  local label=$1
  sleep "$settle"
  {
    echo "== $label  load $(cut -d' ' -f1-3 /proc/loadavg)"
    grep -E '^(VmRSS|RssAnon|RssFile|RssShmem|Threads)' /proc/$pid/status
    grep -E '^(Anonymous|Private_Dirty)' /proc/$pid/smaps_rollup
  } >>"$out/summary.txt"
  cp /proc/$pid/smaps "$out/smaps-$label"
  cat /proc/$pid/status > "$out/status-$label"
  ls /proc/$pid/task | while read -r t; do echo "$t $(cat /proc/$pid/task/$t/comm)"; done > "$out/threads-$label"
  if [ -z "${NO_GCDUMP:-}" ]; then
    ~/.dotnet/tools/dotnet-gcdump collect -p $pid -o "$out/gc-$label.gcdump" >/dev/null 2>&1 || echo "gcdump failed" >>"$out/summary.txt"
    ~/.dotnet/tools/dotnet-gcdump report "$out/gc-$label.gcdump" > "$out/gc-$label.txt" 2>&1 || true
    head -3 "$out/gc-$label.txt" >>"$out/summary.txt"
  fi
}
declare_apps() {
  local n=$1 f="$home/apps-$1.conf" i
  : >"$f"
  for ((i = 0; i < n; i++)); do printf 'processes.s%d { command = [sleep, "3600"], restart = never }\n' "$i" >>"$f"; done
  pbm process apply "$f" >/dev/null
  while [ "$(pgrep -P $pid -x sleep | wc -l)" -lt "$n" ]; do sleep 1; done
}
snap 0
for n in "${counts[@]}"; do declare_apps "$n"; snap "$n"; done
