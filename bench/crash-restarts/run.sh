#!/usr/bin/env bash
# Daemon memory growth per 1,000 crash-restarts after warm-up (issue 11's figure; goal < 100 KB):
#   bench/crash-restarts/run.sh [warm-up restarts, default 20000] [measured restarts, default 50000]   (NO_BUILD=1 skips the Release build)
# One program (`sh -c 'exit 1'`, restarted at once, no crash-loop) crashes and is restarted by a Release pbmd in a temp
# PBM_HOME. After the warm-up and again after the measured restarts, the daemon's RSS and the anonymous part of it
# (/proc/PID/smaps_rollup) are read; growth is reported per 1,000 restarts. Everything started is ended by pid.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
warmup=${1:-20000}
measured=${2:-50000}
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build -c Release "$root/src/Daemon" -v q -nologo >/dev/null
  dotnet build -c Release "$root/src/Cli" -v q -nologo >/dev/null
fi
home=$(mktemp -d /tmp/pbm-crash-bench-XXXXXX)
chmod 700 "$home"
cat >"$home/pbm.conf" <<'CONF'
processes.crasher {
  command = [sh, -c, "exit 1"]
  backoff { min = 0ms, max = 0ms, random-factor = 0 }
  crash-loop { max-restarts = 10000, within = 1s }
}
CONF
pbm() { PBM_HOME="$home" dotnet "$root/src/Cli/bin/Release/net10.0/pbm.dll" "$@"; }
PBM_HOME="$home" dotnet "$root/src/Daemon/bin/Release/net10.0/pbmd.dll" >"$home/daemon.out" 2>&1 &
daemon=$!
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$home"' EXIT
restarts() { pbm process list --json 2>/dev/null | python3 -c 'import json,sys; print(sum(p["restarts"] for p in json.load(sys.stdin)))' 2>/dev/null || echo 0; }
await() {
  local target=$1 n
  while n=$(restarts); [ "$n" -lt "$target" ]; do
    if ! kill -0 "$daemon" 2>/dev/null; then
      echo "pbmd exited:" >&2
      tail -5 "$home/daemon.out" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "$n"
}
memory() {
  local rss anon
  rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$daemon/status")
  anon=$(awk '/^Anonymous:/ {print $2}' "/proc/$daemon/smaps_rollup")
  echo "$rss $anon"
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
start=$(date +%s)
at_warm=$(await "$warmup")
read -r rss0 anon0 <<<"$(memory)"
echo "after $at_warm restarts ($(( $(date +%s) - start )) s): RSS ${rss0} KiB, anonymous ${anon0} KiB"
at_end=$(await $((at_warm + measured)))
read -r rss1 anon1 <<<"$(memory)"
done_restarts=$((at_end - at_warm))
echo "after $at_end restarts ($(( $(date +%s) - start )) s): RSS ${rss1} KiB, anonymous ${anon1} KiB"
python3 - "$rss0" "$rss1" "$anon0" "$anon1" "$done_restarts" <<'PY'
import sys
rss0, rss1, anon0, anon1, n = (int(x) for x in sys.argv[1:])
print(f"growth per 1,000 crash-restarts: RSS {(rss1 - rss0) * 1000 / n:+.1f} KiB, anonymous {(anon1 - anon0) * 1000 / n:+.1f} KiB (over {n} restarts)")
PY
