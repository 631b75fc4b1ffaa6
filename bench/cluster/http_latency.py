#!/usr/bin/env python3
"""Server-side latency of one request over the daemon's Unix socket, without a process start:
a new connection per request (as pbm makes), GET PATH, read the whole answer. Prints the median, min and max.
usage: http_latency.py SOCKET PATH RUNS LABEL"""
import http.client
import socket
import statistics
import sys
import time


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect(self.unix_path)


def once(sock, path):
    connection = UnixConnection(sock)
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    connection.close()
    if response.status != 200:
        sys.exit(f"{path}: HTTP {response.status}: {body[:200]!r}")
    return elapsed


def main():
    sock, path, runs, label = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    for _ in range(5):
        once(sock, path)
    samples = sorted(once(sock, path) for _ in range(runs))
    print(f"{label:<45} median {statistics.median(samples):7.1f} ms  (min {samples[0]:.1f}, max {samples[-1]:.1f}, {runs} runs)")


main()
