#!/usr/bin/env python3
"""Whole-system benchmark of pbmd + pbm, measured from outside (pbm calls and /proc only).

usage: system_bench.py --pbm PBM [--pbm ARG]... [options]      (bench/system/run.sh builds and calls this)

Scenarios (issue 16's table), each on a fresh daemon in its own temporary PBM_HOME, repeated --cycles times; the
summary gives the median, min and max over cycles:
  main cycle (N = --n programs running /bin/sleep 3600):
    daemon start until pbm answers (`pbm daemon start` returns once the daemon answered on its socket)
    idle RSS and its anonymous part (/proc/PID/status VmRSS, RssAnon) --settle s after start
    start N (one `pbm process apply FILE`) until all N programs are alive; RSS with N; daemon CPU over --cpu-window s
    stop all N with one command (`pbm process stop all`) until every program is gone; start all again
    `pbm daemon stop` with N running until the daemon and every program are gone
    daemon start with N declared (running) apps until pbm answers, then SIGTERM to pbmd until all are gone
  big cycle (N = --n-big): start, RSS, `pbm process stop all` until all gone, daemon stop
  start cycle (--phases start, not in the default): only the two start-up figures of the main cycle
  log cycle: one program writes --log-lines lines of 100 B and exits; time until the log file holds them all,
    and how long after the writer's own last write() returned
A program counts as alive when it is a child of the daemon whose /proc/PID/stat comm is `sleep` and not a zombie.
Everything started is ended by pid (daemon and every program ever seen, start time checked) and the temporary
homes are removed.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = os.sysconf("SC_CLK_TCK")
SLEEP = ["/bin/sleep", "3600"]


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class BenchError(Exception):
    pass


def stat(pid):
    """(comm, state, ppid, utime + stime, start time) from /proc/PID/stat, or None when gone."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            s = f.read()
    except OSError:
        return None
    rp = s.rfind(b")")
    f = s[rp + 2:].split()
    return s[s.find(b"(") + 1:rp].decode(errors="replace"), f[0].decode(), int(f[1]), int(f[11]) + int(f[12]), int(f[19])


def memory_kb(pid):
    out = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile", "Threads"):
                out[key] = int(value.split()[0])
    return out


def alive(pid, start):
    st = stat(pid)
    return st is not None and st[1] not in ("Z", "X") and st[4] == start


class Children:
    """The daemon's children: each poll lists /proc and reads stat only for pids not classified yet."""

    def __init__(self, daemon_pid, comm="sleep"):
        self.daemon, self.comm = daemon_pid, comm
        self.others = set()   # pids that are not the daemon's children (ppid never becomes the daemon later)
        self.pending = {}     # child pid -> start, not (yet) exec'd into comm
        self.targets = {}     # child pid -> start, showing comm
        self.ever = {}        # every child ever seen: pid -> start

    def poll(self):
        names = os.listdir("/proc")
        present = set()
        for name in names:
            if not name.isdigit():
                continue
            pid = int(name)
            present.add(pid)
            if pid in self.others or pid in self.targets or pid in self.pending:
                continue
            st = stat(pid)
            if st is None:
                continue
            if st[2] != self.daemon:
                self.others.add(pid)
                continue
            self.ever[pid] = st[4]
            (self.targets if st[0] == self.comm else self.pending)[pid] = st[4]
        for pid in list(self.pending):
            st = stat(pid)
            if st is None or st[4] != self.pending[pid]:
                del self.pending[pid]
            elif st[0] == self.comm:
                self.targets[pid] = self.pending.pop(pid)
        self.others &= present
        for pid in [p for p in self.targets if p not in present]:
            del self.targets[pid]
        return time.time()

    def live(self):
        return {pid: start for pid, start in self.targets.items() if alive(pid, start)}

    def wait_alive(self, n, timeout, exclude=()):
        deadline = time.time() + timeout
        while True:
            t = self.poll()
            live = [p for p in self.live() if p not in exclude]
            if len(live) >= n:
                return t
            if t > deadline:
                raise BenchError("only %d of %d programs alive after %s s" % (len(live), n, timeout))
            time.sleep(0.005)


def wait_gone(pids, timeout):
    """Polls until none of {pid: start} runs; returns the time of the poll that saw the last one gone."""
    remaining = dict(pids)
    deadline = time.time() + timeout
    while True:
        for pid in [p for p, s in remaining.items() if not alive(p, s)]:
            del remaining[pid]
        t = time.time()
        if not remaining:
            return t
        if t > deadline:
            raise BenchError("%d processes still alive after %s s" % (len(remaining), timeout))
        time.sleep(0.002)


class Bench:
    def __init__(self, cfg):
        self.cfg = cfg
        self.root = tempfile.mkdtemp(prefix="pbm-system-bench-")
        os.chmod(self.root, 0o700)
        self.started = []  # (pid, start) of every daemon and program seen, ended by pid at the end

    def cleanup(self):
        for pid, start in self.started:
            if alive(pid, start):
                try:
                    os.kill(pid, signal.SIGKILL)
                    log("killed leftover pid %d" % pid)
                except OSError:
                    pass
        if not self.cfg.keep:
            shutil.rmtree(self.root, ignore_errors=True)


class Daemon:
    def __init__(self, bench, tag, home=None):
        self.bench = bench
        self.home = home or os.path.join(bench.root, tag)
        os.makedirs(os.path.join(self.home, "apps"), exist_ok=True)
        os.chmod(self.home, 0o700)
        self.env = dict(os.environ, PBM_HOME=self.home, HOME=self.home, LC_ALL="C")
        self.pid = self.start_ticks = self.children = self.stop_cli_s = None

    def pbm(self, *args, check=True, timeout=300):
        """Runs pbm; returns (seconds, stdout)."""
        t0 = time.time()
        p = subprocess.run(self.bench.cfg.pbm + list(args), env=self.env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        t1 = time.time()
        if check and p.returncode != 0:
            raise BenchError("pbm %s exited %d: %s" % (" ".join(args), p.returncode, (p.stdout + p.stderr).decode()[-800:]))
        return t1 - t0, p.stdout.decode()

    def start(self):
        """pbm daemon start: returns once the daemon answered on its socket."""
        dt, _ = self.pbm("daemon", "start", timeout=120)
        self.pid = json.loads(self.pbm("daemon", "status", "--json")[1])["pid"]
        st = stat(self.pid)
        if st is None:
            raise BenchError("pbmd %d is not running" % self.pid)
        self.start_ticks = st[4]
        self.start_cpu_s = st[3] / CLK_TCK  # CPU the daemon used to get there: steadier than wall time on a busy machine
        self.bench.started.append((self.pid, self.start_ticks))
        self.children = Children(self.pid)
        return dt

    def mem(self):
        return memory_kb(self.pid)

    def cpu_ticks(self):
        return stat(self.pid)[3]

    def declare(self, n, file="bench.conf"):
        path = os.path.join(self.home, "apps", file)
        with open(path, "w") as f:
            f.write("processes {\n")
            for i in range(n):
                f.write('  p%04d { command = %s }\n' % (i, json.dumps(SLEEP)))
            f.write("}\n")
        return path

    def remember_children(self):
        self.bench.started.extend(self.children.ever.items())

    def everything(self):
        pids = dict(self.children.ever)
        pids[self.pid] = self.start_ticks
        return pids

    def stop(self, how="pbm"):
        """pbm daemon stop (or SIGTERM): seconds until the daemon and every program it ran are gone."""
        self.children.poll()
        self.remember_children()
        pids = {p: s for p, s in self.everything().items() if alive(p, s)}
        t0 = time.time()
        if how == "pbm":
            p = subprocess.Popen(self.bench.cfg.pbm + ["daemon", "stop"], env=self.env, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        else:
            os.kill(self.pid, signal.SIGTERM)
            p = None
        t = wait_gone(pids, 60)
        if p is not None:
            p.wait(timeout=60)
            self.stop_cli_s = time.time() - t0
        return t - t0


def median_row(rows, key):
    values = [r[key] for r in rows if r.get(key) is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "n": len(values)}


def main_cycle(bench, i):
    cfg, rec = bench.cfg, {"load_before": loadavg()}
    d = Daemon(bench, "main%d" % i)
    try:
        rec["start_s"] = d.start()
        time.sleep(cfg.settle)
        m = d.mem()
        rec["idle_rss_mb"], rec["idle_anon_mb"], rec["idle_threads"] = m["VmRSS"] / 1024, m["RssAnon"] / 1024, m["Threads"]

        conf = d.declare(cfg.n)
        d.children.poll()
        t0 = time.time()
        d.pbm("process", "apply", conf)
        rec["start_n_s"] = d.children.wait_alive(cfg.n, 120) - t0
        d.remember_children()

        time.sleep(cfg.cpu_settle)
        c0, w0 = d.cpu_ticks(), time.time()
        time.sleep(cfg.cpu_window)
        c1, w1 = d.cpu_ticks(), time.time()
        rec["idle_cpu_pct"] = (c1 - c0) / CLK_TCK / (w1 - w0) * 100
        m = d.mem()
        rec["rss_n_mb"], rec["anon_n_mb"] = m["VmRSS"] / 1024, m["RssAnon"] / 1024

        live = d.children.live()
        t0 = time.time()
        p = subprocess.Popen(cfg.pbm + ["process", "stop", "all"], env=d.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        t_gone = wait_gone(live, 120)
        p.wait(timeout=120)
        rec["stop_all_s"], rec["stop_all_cli_s"] = t_gone - t0, time.time() - t0
        if p.returncode != 0:
            raise BenchError("pbm process stop all exited %d" % p.returncode)
        time.sleep(1)
        d.children.poll()
        if d.children.live():
            raise BenchError("%d programs ran again after stop all" % len(d.children.live()))

        before = set(d.children.ever)
        t0 = time.time()
        d.pbm("process", "start", "all")
        rec["start_all_s"] = d.children.wait_alive(cfg.n, 120, exclude=before) - t0
        d.remember_children()
        time.sleep(1)

        rec["daemon_stop_s"] = d.stop("pbm")
        rec["daemon_stop_cli_s"] = d.stop_cli_s

        # The same home again: N apps declared as running. The daemon must answer before it has started them all.
        d2 = Daemon(bench, None, home=d.home)
        rec["restart_start_s"] = d2.start()
        d2.children.wait_alive(cfg.n, 120)
        d2.remember_children()
        time.sleep(1)
        rec["sigterm_stop_s"] = d2.stop("sigterm")
        d = d2
    finally:
        stop_quietly(d)
    rec["load_after"] = loadavg()
    log("main %d: %s" % (i, json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in rec.items()})))
    return rec


def start_cycle(bench, i):
    """Start-up only: an empty home, then the same home with N apps declared and running when it was stopped."""
    cfg, rec = bench.cfg, {"load_before": loadavg()}
    d = Daemon(bench, "start%d" % i)
    try:
        rec["start_s"] = d.start()
        rec["start_cpu_s"] = d.start_cpu_s
        d.pbm("process", "apply", d.declare(cfg.n))
        d.children.wait_alive(cfg.n, 120)
        d.remember_children()
        d.stop("pbm")
        d = Daemon(bench, None, home=d.home)
        rec["restart_start_s"] = d.start()
        rec["restart_start_cpu_s"] = d.start_cpu_s
        d.children.wait_alive(cfg.n, 120)
        d.remember_children()
        d.stop("pbm")
    finally:
        stop_quietly(d)
    rec["load_after"] = loadavg()
    log("start %d: %s" % (i, json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in rec.items()})))
    return rec


def big_cycle(bench, i):
    cfg, rec = bench.cfg, {"load_before": loadavg()}
    d = Daemon(bench, "big%d" % i)
    try:
        d.start()
        conf = d.declare(cfg.n_big)
        t0 = time.time()
        d.pbm("process", "apply", conf)
        rec["start_big_s"] = d.children.wait_alive(cfg.n_big, 300) - t0
        d.remember_children()
        time.sleep(cfg.cpu_settle)
        m = d.mem()
        rec["rss_big_mb"], rec["anon_big_mb"] = m["VmRSS"] / 1024, m["RssAnon"] / 1024
        live = d.children.live()
        t0 = time.time()
        p = subprocess.Popen(cfg.pbm + ["process", "stop", "all"], env=d.env, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        t_gone = wait_gone(live, 300)
        p.wait(timeout=300)
        rec["stop_all_big_s"], rec["stop_all_big_cli_s"] = t_gone - t0, time.time() - t0
        rec["daemon_stop_idle_big_s"] = d.stop("pbm")
    finally:
        stop_quietly(d)
    rec["load_after"] = loadavg()
    log("big %d: %s" % (i, json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in rec.items()})))
    return rec


def log_cycle(bench, i):
    cfg, rec = bench.cfg, {"load_before": loadavg()}
    d = Daemon(bench, "log%d" % i)
    try:
        d.start()
        side = os.path.join(d.home, "writer.side")
        conf = os.path.join(d.home, "apps", "log.conf")
        command = [sys.executable, os.path.join(HERE, "logwriter.py"), str(cfg.log_lines), side]
        with open(conf, "w") as f:
            f.write("processes.logw { command = %s, autostart = false, restart = never,\n"
                    "  logs { timestamps = false, max-size = 1GiB, total-cap = 4GiB } }\n" % json.dumps(command))
        d.pbm("process", "apply", conf)
        path = os.path.join(d.home, "logs", "logw-0.out.log")
        expected = cfg.log_lines * 100
        t0 = time.time()
        d.pbm("process", "start", "logw")
        t_full, size, grown = None, -1, time.time()
        while time.time() - t0 < 300:
            try:
                now_size = os.stat(path).st_size
            except OSError:
                now_size = 0
            if now_size != size:
                size, grown = now_size, time.time()
            if size >= expected:
                t_full = time.time()
                break
            # The writer is done and the file stopped growing: lines were dropped (logs.queue-capacity), counted below.
            if os.path.exists(side) and os.path.getsize(side) > 0 and time.time() - grown > 5:
                break
            time.sleep(0.002)
        for _ in range(500):
            if os.path.exists(side) and os.path.getsize(side) > 0:
                break
            time.sleep(0.01)
        with open(side) as f:
            w0, w1 = (float(x) for x in f.read().split())
        rec["writer_s"] = w1 - w0
        if t_full is not None:
            rec["log_all_s"], rec["log_lag_s"] = t_full - t0, t_full - w1
        rec["log_lost"] = check_log(path, cfg.log_lines)
        d.children.poll()
        d.stop("pbm")
    finally:
        stop_quietly(d)
    rec["load_after"] = loadavg()
    log("log %d: %s" % (i, json.dumps({k: round(v, 4) if isinstance(v, float) else v for k, v in rec.items()})))
    return rec


def check_log(path, n):
    """Lines of 0..n-1 missing or mangled in the file."""
    seen = bytearray(n)
    with open(path, "rb") as f:
        for line in f:
            if len(line) == 100 and line[:7].isdigit() and int(line[:7]) < n:
                seen[int(line[:7])] = 1
    return n - sum(seen)


def stop_quietly(d):
    if d.pid is None or not alive(d.pid, d.start_ticks):
        return
    try:
        d.stop("pbm")
    except Exception as error:  # noqa: BLE001 - the cleanup by pid follows
        log("stopping pbmd %d failed: %s" % (d.pid, error))


ROWS = [
    ("daemon start until pbm answers", "main", "start_s", "s"),
    ("daemon start with N declared running apps, until pbm answers", "main", "restart_start_s", "s"),
    ("daemon start until pbm answers (start phase)", "start", "start_s", "s"),
    ("daemon start with N declared running apps (start phase)", "start", "restart_start_s", "s"),
    ("daemon CPU time (user + sys) until it answered (start phase)", "start", "start_cpu_s", "s"),
    ("daemon CPU time until it answered, N declared apps (start phase)", "start", "restart_start_cpu_s", "s"),
    ("daemon idle RSS", "main", "idle_rss_mb", "MB"),
    ("daemon idle RSS, anonymous part", "main", "idle_anon_mb", "MB"),
    ("daemon threads, idle", "main", "idle_threads", ""),
    ("start N (one apply) until all alive", "main", "start_n_s", "s"),
    ("RSS with N running", "main", "rss_n_mb", "MB"),
    ("RSS with N running, anonymous part", "main", "anon_n_mb", "MB"),
    ("daemon CPU with N running, idle", "main", "idle_cpu_pct", "% of a core"),
    ("stop all N (pbm process stop all) until all gone", "main", "stop_all_s", "s"),
    ("stop all N: pbm returned", "main", "stop_all_cli_s", "s"),
    ("start all N (pbm process start all) until all alive", "main", "start_all_s", "s"),
    ("pbm daemon stop with N running, until all gone", "main", "daemon_stop_s", "s"),
    ("pbm daemon stop with N running: pbm returned", "main", "daemon_stop_cli_s", "s"),
    ("SIGTERM to pbmd with N running, until all gone", "main", "sigterm_stop_s", "s"),
    ("start N_BIG (one apply) until all alive", "big", "start_big_s", "s"),
    ("RSS with N_BIG running", "big", "rss_big_mb", "MB"),
    ("RSS with N_BIG running, anonymous part", "big", "anon_big_mb", "MB"),
    ("stop all N_BIG until all gone", "big", "stop_all_big_s", "s"),
    ("stop all N_BIG: pbm returned", "big", "stop_all_big_cli_s", "s"),
    ("LOG_LINES lines of 100 B: on disk after pbm process start", "log", "log_all_s", "s"),
    ("LOG_LINES lines: on disk after the writer's last write()", "log", "log_lag_s", "s"),
    ("LOG_LINES lines: writer's own run time", "log", "writer_s", "s"),
    ("LOG_LINES lines: lost or mangled", "log", "log_lost", "lines"),
]


def summary(cfg, results):
    lines = ["| scenario | median | min | max | n | unit |", "|---|---|---|---|---|---|"]
    for label, phase, key, unit in ROWS:
        row = median_row(results.get(phase, []), key)
        if row is None:
            continue
        label = label.replace("N_BIG", str(cfg.n_big)).replace("N ", "%d " % cfg.n).replace("N:", "%d:" % cfg.n).replace("LOG_LINES", str(cfg.log_lines))
        fmt = (lambda v: "%.3f" % v) if unit == "s" else (lambda v: "%.1f" % v if isinstance(v, float) else str(v))
        lines.append("| %s | %s | %s | %s | %d | %s |" % (label, fmt(row["median"]), fmt(row["min"]), fmt(row["max"]), row["n"], unit))
    main_rows, big_rows = results.get("main", []), results.get("big", [])
    idle = median_row(main_rows, "idle_rss_mb")
    for rows, key, n in ((main_rows, "rss_n_mb", cfg.n), (big_rows, "rss_big_mb", cfg.n_big)):
        with_n = median_row(rows, key)
        if idle and with_n:
            lines.append("| daemon memory per program at %d (median RSS with %d - median idle RSS) | %.1f |  |  |  | KB |" % (
                n, n, (with_n["median"] - idle["median"]) * 1024 / n))
    loads = [r["load_before"] for rs in results.values() for r in rs] + [r["load_after"] for rs in results.values() for r in rs]
    lines.append("")
    lines.append("load average (1, 5, 15 min) seen before/after cycles: %s" % ", ".join(sorted(set(loads))))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pbm", action="append", required=True, help="pbm's argv (repeat for each word: --pbm dotnet --pbm pbm.dll)")
    ap.add_argument("--cycles", type=int, default=5)
    ap.add_argument("--phases", default="main,big,log", help="comma list of main, big, log, start (start-up only, quick)")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--n-big", type=int, default=500)
    ap.add_argument("--settle", type=float, default=5.0, help="seconds after start before the idle RSS is read")
    ap.add_argument("--cpu-settle", type=float, default=3.0)
    ap.add_argument("--cpu-window", type=float, default=30.0, help="seconds over which idle CPU is measured")
    ap.add_argument("--log-lines", type=int, default=1_000_000)
    ap.add_argument("--json", help="also write every sample to this file")
    ap.add_argument("--keep", action="store_true", help="keep the temporary PBM_HOMEs")
    cfg = ap.parse_args()
    bench = Bench(cfg)
    phases = [p for p in cfg.phases.split(",") if p]
    results = {}
    log("load average %s; %d cores; pbm = %s" % (loadavg(), os.cpu_count(), " ".join(cfg.pbm)))
    try:
        for phase, run in (("main", main_cycle), ("start", start_cycle), ("big", big_cycle), ("log", log_cycle)):
            if phase in phases:
                results[phase] = []
                for i in range(cfg.cycles):
                    try:
                        results[phase].append(run(bench, i))
                    except BenchError as error:
                        log("%s cycle %d failed: %s" % (phase, i, error))
    finally:
        bench.cleanup()
        if cfg.json:
            with open(cfg.json, "w") as f:
                json.dump({"config": vars(cfg), "results": results}, f, indent=1)
        print(summary(cfg, results))


if __name__ == "__main__":
    main()
