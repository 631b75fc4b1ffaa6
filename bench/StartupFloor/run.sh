#!/usr/bin/env bash
# The floor under "daemon start until pbm answers" (issue 16): how long this machine takes, from exec to the first HTTP
# answer on a Unix socket, for the runtime alone, an empty ASP.NET Core app on Kestrel, and that app behind a generic host
# with Akka.Hosting and one actor (what pbmd is built from, with none of its work). ReadyToRun publish, as pbmd's.
#   bench/StartupFloor/run.sh [cycles, default 7]     (NO_BUILD=1 skips the publish)
# Prints the median per mode. Everything started is ended by pid.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cycles=${1:-7}
[ -n "${NO_BUILD:-}" ] || dotnet publish -c Release "$here" -v q -nologo >/dev/null
exe="$here/bin/Release/net10.0/linux-x64/publish/startup-floor"
dir=$(mktemp -d /tmp/startup-floor-XXXXXX)
trap 'rm -rf "$dir"' EXIT
python3 - "$exe" "$dir/floor.sock" "$cycles" <<'PY'
import os, socket, statistics, subprocess, sys, time
exe, path, cycles = sys.argv[1], sys.argv[2], int(sys.argv[3])
def answer():
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        s.connect(path)
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False
    finally:
        s.close()
for mode in ("runtime", "kestrel", "akka"):
    times, rss, anon = [], [], []
    for _ in range(cycles):
        if os.path.exists(path):
            os.unlink(path)
        t0 = time.monotonic()
        p = subprocess.Popen([exe, mode, path], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not answer():
                if p.poll() is not None:
                    sys.exit(f"{mode}: exited with {p.returncode}")
                time.sleep(0.002)
            times.append(time.monotonic() - t0)
            time.sleep(3)
            status = dict(line.split(":", 1) for line in open(f"/proc/{p.pid}/status"))
            rss.append(int(status["VmRSS"].split()[0]) / 1024)
            anon.append(int(status["RssAnon"].split()[0]) / 1024)
        finally:
            p.kill()
            p.wait()
    print(f"{mode:8} exec until first answer: median {statistics.median(times) * 1000:.0f} ms (min {min(times) * 1000:.0f}, max {max(times) * 1000:.0f}, {cycles} runs); RSS {statistics.median(rss):.1f} MB, anonymous {statistics.median(anon):.1f} MB")
PY
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
