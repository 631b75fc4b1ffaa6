#!/usr/bin/env bash
# The daemon's idle cost (issue 16 items 1 and 2), measured from outside with pbm + /proc only:
#   bench/idle/run.sh [samples, default 5] [CPU window in s, default 60]
#   (NO_BUILD=1 skips the Release build; SETTLE=seconds before each measure, default 20; NO_WATCHED=1 skips the watched CPU;
#   PBM_DAEMON=path runs that pbmd instead of the Release build)
# A Release pbmd runs in a temp PBM_HOME. Idle (no program), then with 100 and then 500 `sleep 3600` programs
# (declared with `pbm process apply`; their start is seen in /proc, so nobody asks the daemon for figures), it waits for
# the daemon to settle, then prints the medians of `samples` reads of RSS (total, anonymous, file-backed;
# /proc/PID/status and smaps_rollup) and its thread count, the memory each program costs over idle, and the daemon's
# CPU (utime+stime of /proc/PID/stat) over the window in % of one core: first while nobody reads figures, then
# "watched": right after a `pbm process list`, i.e. sampling at metrics.interval as while `pbm top` or a scraper runs.
# Extra daemon environment (GC experiments) can be given as PBMD_ENV="DOTNET_GCgen0size=0x400000 ...".
# Everything started is ended by pid: stopping the daemon stops its programs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
samples=${1:-5}
window=${2:-60}
settle=${SETTLE:-20}
if [ -z "${NO_BUILD:-}" ]; then
  dotnet build -c Release "$root/src/Daemon" -v q -nologo >/dev/null
  dotnet build -c Release "$root/src/Cli" -v q -nologo >/dev/null
fi
home=$(mktemp -d /tmp/pbm-idle-bench-XXXXXX)
chmod 700 "$home"
# pbm: the Native AOT publish when there is one, else the JIT build. pbmd: PBM_DAEMON=... selects another build (A/B).
aot="$root/src/Cli/bin/Release/net10.0/linux-x64/publish/pbm"
pbm() { if [ -x "$aot" ]; then PBM_HOME="$home" "$aot" "$@"; else PBM_HOME="$home" dotnet "$root/src/Cli/bin/Release/net10.0/pbm.dll" "$@"; fi; }
daemon_cmd=(dotnet "$root/src/Daemon/bin/Release/net10.0/pbmd.dll")
[ -z "${PBM_DAEMON:-}" ] || daemon_cmd=("$PBM_DAEMON")
# shellcheck disable=SC2086
env PBM_HOME="$home" ${PBMD_ENV:-} "${daemon_cmd[@]}" >"$home/daemon.out" 2>&1 &
daemon=$!
trap 'kill -TERM $daemon 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$home"' EXIT
alive() {
  if ! kill -0 "$daemon" 2>/dev/null; then
    echo "pbmd exited:" >&2
    tail -5 "$home/daemon.out" >&2
    exit 1
  fi
}
until pbm daemon status >/dev/null 2>&1; do alive; sleep 0.2; done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
# RSS, anonymous, file-backed (KiB) and threads, each the median of `samples` reads one second apart.
memory() {
  local i out=()
  for ((i = 0; i < samples; i++)); do
    out+=("$(awk '/^VmRSS:/ {r=$2} /^RssFile:/ {f=$2} /^RssShmem:/ {s=$2} /^Threads:/ {t=$2} END {print r, f + s, t}' "/proc/$daemon/status") $(awk '/^Anonymous:/ {print $2}' "/proc/$daemon/smaps_rollup")")
    sleep 1
  done
  local rss file threads anon
  rss=$(printf '%s\n' "${out[@]}" | awk '{print $1}' | median)
  file=$(printf '%s\n' "${out[@]}" | awk '{print $2}' | median)
  threads=$(printf '%s\n' "${out[@]}" | awk '{print $3}' | median)
  anon=$(printf '%s\n' "${out[@]}" | awk '{print $4}' | median)
  echo "$rss $anon $file $threads"
}
ticks() { awk '{print $14 + $15}' "/proc/$daemon/stat"; }
# CPU over the window in % of one core, in hundredths of a percent (integer), median of `samples` windows of window/samples s.
cpu() {
  local hz i t0 t1 part out=()
  hz=$(getconf CLK_TCK)
  part=$(( window / samples )); [ "$part" -ge 1 ] || part=1
  local all0 all1
  all0=$(ticks)
  for ((i = 0; i < samples; i++)); do
    t0=$(ticks); sleep "$part"; t1=$(ticks)
    out+=("$(( (t1 - t0) * 10000 / hz / part ))")
  done
  all1=$(ticks)
  echo "$(printf '%s\n' "${out[@]}" | median) $(( (all1 - all0) * 10000 / hz / (part * samples) ))"
}
pct() { awk -v v="$1" 'BEGIN {printf "%.2f", v / 100}'; }
declare_apps() {
  local n=$1 f="$home/apps-$1.conf" i
  : >"$f"
  for ((i = 0; i < n; i++)); do
    printf 'processes.s%d { command = [sleep, "3600"], restart = never }\n' "$i" >>"$f"
  done
  pbm process apply "$f" >/dev/null
  # The programs are the daemon's children: count them in /proc (a `pbm process list` would ask for figures).
  local running
  while running=$(grep -lx "sleep" /proc/[0-9]*/comm 2>/dev/null | cut -d/ -f3 | while read -r pid; do
      [ "$(awk '{print $4}' "/proc/$pid/stat" 2>/dev/null)" = "$daemon" ] && echo "$pid"; done | wc -l); [ "$running" -lt "$n" ]; do
    alive; sleep 1
  done
}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $samples samples, CPU over ${window} s${PBMD_ENV:+; env $PBMD_ENV}"
report() {
  local label=$1 rss anon file threads cpu_med cpu_all
  sleep "$settle"; alive
  read -r rss anon file threads <<<"$(memory)"
  read -r cpu_med cpu_all <<<"$(cpu)"
  printf '%-13s RSS %6d KiB (anonymous %6d, file %6d), %3d threads, CPU %s %% of a core (median of %d; whole window %s %%)\n' \
    "$label" "$rss" "$anon" "$file" "$threads" "$(pct "$cpu_med")" "$samples" "$(pct "$cpu_all")"
  if [ -z "${NO_WATCHED:-}" ]; then
    pbm process list >/dev/null
    read -r cpu_med cpu_all <<<"$(cpu)"
    printf '%-13s watched (after a list): CPU %s %% of a core (median of %d; whole window %s %%)\n' "" "$(pct "$cpu_med")" "$samples" "$(pct "$cpu_all")"
  fi
  echo "$rss $anon" >"$home/m-$label"
}
report idle
declare_apps 100
report "100 programs"
declare_apps 500
report "500 programs"
read -r r0 a0 <"$home/m-idle"
for n in 100 500; do
  read -r r a <"$home/m-$n programs"
  echo "per program at $n: RSS $(( (r - r0) / n )) KiB, anonymous $(( (a - a0) / n )) KiB over idle"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
