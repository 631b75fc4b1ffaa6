#!/usr/bin/env bash
# Fleet benchmark: three daemons on 127.0.0.1-127.0.0.3 (temp PBM_HOMEs, one self-signed fleet certificate made with
# openssl), 100 programs on each, then the median wall time of the whole CLI (pbm process start to exit) for
#   1. `pbm --node n2 process list` asked of n1 (n1 forwards over Akka.Remote/TLS to n2's supervisor);
#   2. `pbm process list --all-nodes` (3 x 100 rows);
#   3. `pbm process list` on n1 alone, for comparison.
#   4. singleton failover: kill -9 of the daemon holding a placement = singleton app (and of that program: the
#      machine is lost) until the app runs with a new pid on another node; FAILOVERS times (default 5), the killed
#      daemon restarted and rejoined between two.
# The nodes run heartbeat-interval 1s, acceptable-heartbeat-pause 3s (the defaults) and split-brain-resolver
# stable-after $STABLE_AFTER (default 3s; the product default is 7s): failover ~ pause + stable-after + hand-over.
# EXTRA_CONF is appended to every node's pbm.conf (e.g. an akka { } block to try a remoting setting).
# usage: bench/cluster/run.sh [RUNS] [CONFIGURATION]   (default 20 runs, Debug; pass Release after building it;
# a native pbm is used when PBM=/path/to/pbm is set). Everything started is stopped at the end, by pid.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
runs="${1:-20}"
cfg="${2:-Debug}"
failovers="${FAILOVERS:-5}"
stable_after="${STABLE_AFTER:-3s}"
heartbeat_pause="${HEARTBEAT_PAUSE:-3s}"
pbmd="$root/src/Daemon/bin/$cfg/net10.0/pbmd"
pbm="${PBM:-$root/src/Cli/bin/$cfg/net10.0/pbm}"
work="$(mktemp -d)"
pids=()
programs=()
cleanup() {
  for home in "$work"/n1 "$work"/n2 "$work"/n3; do PBM_HOME="$home" HOME="$home" "$pbm" daemon stop >/dev/null 2>&1 || true; done
  sleep 2
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
  for pid in "${programs[@]}"; do kill -9 -- "-$pid" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "kept $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/key.pem" -out "$work/cert.pem" -days 1 -subj /CN=fleet 2>/dev/null
cat "$work/cert.pem" "$work/key.pem" > "$work/fleet.pem"
chmod 600 "$work/fleet.pem"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ports=("$(free_port)" "$(free_port)" "$(free_port)")
for i in 1 2 3; do
  home="$work/n$i"; mkdir -m 700 "$home"
  cat > "$home/pbm.conf" <<CONF
pbm.cluster {
  enabled = on
  node-name = n$i
  hostname = "127.0.0.$i"
  port = ${ports[$((i-1))]}
  seed-nodes = ["127.0.0.1:${ports[0]}", "127.0.0.2:${ports[1]}", "127.0.0.3:${ports[2]}"]
  split-brain-resolver.stable-after = $stable_after
  failure-detector.acceptable-heartbeat-pause = $heartbeat_pause
  tls.certificate = "$work/fleet.pem"
}
processes { solo { command = ["sleep", "3600"], placement = singleton } }
${EXTRA_CONF:-}
CONF
done
start_node() { local home="$work/n$1"; PBM_HOME="$home" HOME="$home" "$pbmd" --home "$home" >> "$home/pbmd.out" 2>&1 & pids[$1]=$!; }
for i in 1 2 3; do start_node "$i"; done
n1() { PBM_HOME="$work/n1" HOME="$work/n1" "$pbm" "$@"; }
for _ in $(seq 1 120); do
  [ "$(n1 node list 2>/dev/null | grep -c $'\tup\tyes')" = 3 ] && break
  sleep 1
done
n1 node list
{
  echo "processes {"
  for i in $(seq 1 100); do echo "  p$i { command = [\"sleep\", \"3600\"] }"; done
  echo "}"
} > "$work/apps.conf"
for i in 1 2 3; do n1 --node "n$i" process apply "$work/apps.conf" | tail -1; done
test "$(n1 --node n2 process list | grep -c '^p')" -eq 100
# Every program's pid, for the clean-up: a node killed and not restarted (a run that fails) leaves its programs behind.
for i in 1 2 3; do
  while read -r pid; do programs+=("$pid"); done < <(n1 --node "n$i" process list --json | python3 -c '
import json, sys
for p in json.load(sys.stdin):
    if p.get("pid"):
        print(p["pid"])')
done
test "$(n1 process list --all-nodes | grep -c $'\tp')" -eq 300

# measure LABEL COMMAND...: one warm-up, then $runs runs; the median, min and max wall time (EPOCHREALTIME).
measure() {
  local label="$1"; shift
  "$@" > /dev/null
  local samples=() start end
  for _ in $(seq 1 "$runs"); do
    start=$EPOCHREALTIME; "$@" > /dev/null; end=$EPOCHREALTIME
    samples+=("$(echo "($end - $start) * 1000" | bc -l)")
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { v[NR] = $1 } END { m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
      printf "%-45s median %7.1f ms  (min %.1f, max %.1f, %d runs)\n", label, m, v[1], v[n], n }'
}
# First the requests without pbm's process start: what the daemons themselves take (socket to answer read). They
# also warm the daemons up (tiered JIT), so the whole-CLI figures below are of daemons in their steady state.
latency() { python3 "$root/bench/cluster/http_latency.py" "$work/n1/pbm.sock" "$1" "$((runs * 5))" "$2"; }
latency /v1/processes "  server side: local list"
latency "/v1/processes?node=n2" "  server side: list of n2"
latency /v1/nodes/processes "  server side: all-nodes list"
measure "pbm process list (n1, 100 programs)" n1 process list
measure "pbm --node n2 process list (100 programs)" n1 --node n2 process list
measure "pbm process list --all-nodes (3 x 100)" n1 process list --all-nodes
measure "pbm --version (process start floor)" n1 --version

# Singleton failover. holder prints "NODE PID" of the running singleton (one line per running copy).
holder() { n1 process list --all-nodes --json 2>/dev/null | python3 -c '
import json, sys
for node in json.load(sys.stdin):
    for p in node["processes"]:
        if p["name"] == "solo" and p["status"] == "running" and p.get("pid"):
            print(node["node"], p["pid"])'; }
ask() { [ "$1" = n1 ] && echo n2 || echo n1; }
samples=()
for _ in $(seq 1 "$failovers"); do
  for _ in $(seq 1 600); do [ -n "$(holder)" ] && break; sleep 0.2; done
  read -r node pid < <(holder)
  programs+=("$pid")
  i="${node#n}"
  other="$(ask "$node")"
  start=$EPOCHREALTIME
  kill -9 "${pids[$i]}"; kill -9 -- "-$pid"
  deadline=$((SECONDS + 120))
  while true; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "singleton did not run on another node within 120 s of killing $node; cluster as $other sees it:" >&2
      PBM_HOME="$work/$other" HOME="$work/$other" "$pbm" node list >&2 || true
      PBM_HOME="$work/$other" HOME="$work/$other" "$pbm" process list --all-nodes >&2 || true
      exit 1
    fi
    # Each survivor's own list (not --all-nodes, whose ask of the dead node waits out the ask timeout until it is removed).
    line=""
    for survivor in n1 n2 n3; do
      [ "$survivor" = "$node" ] && continue
      found="$(PBM_HOME="$work/$survivor" HOME="$work/$survivor" "$pbm" process list --json 2>/dev/null | python3 -c '
import json, sys
for p in json.load(sys.stdin):
    if p["name"] == "solo" and p["status"] == "running" and p.get("pid"):
        print(p["pid"])' 2>/dev/null || true)"
      [ -n "$found" ] && line="$survivor $found" && break
    done
    [ -n "$line" ] && break
    sleep 0.1
  done
  end=$EPOCHREALTIME
  samples+=("$(echo "($end - $start)" | bc -l)")
  programs+=("${line#* }")
  start_node "$i"
  # Every node must see all three up before the next kill: killing one of the two older nodes while the others still
  # see the restarted one as joining is an equal split of the up members, which keep-majority resolves by address.
  for _ in $(seq 1 120); do
    converged=yes
    for node in n1 n2 n3; do
      [ "$(PBM_HOME="$work/$node" HOME="$work/$node" "$pbm" node list 2>/dev/null | grep -c $'\tup\tyes')" = 3 ] || converged=no
    done
    [ "$converged" = yes ] && break
    sleep 1
  done
done
printf '%s\n' "${samples[@]}" | sort -n | awk -v n="$failovers" '
  { v[NR] = $1 } END { m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
    printf "%-45s median %7.1f s   (min %.1f, max %.1f, %d runs)\n", "singleton failover, kill -9 to new pid", m, v[1], v[n], n }'
uptime
