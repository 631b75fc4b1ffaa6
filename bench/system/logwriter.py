#!/usr/bin/env python3
"""Log-capture producer: writes N numbered lines of exactly 100 bytes to stdout as fast as it can, then exits.

usage: logwriter.py N SIDEFILE
Line k is b"%07d " % k + 91 * b"x" + b"\\n", so lost, duplicated and mangled lines can be told apart. SIDEFILE gets
"t_start t_end" (time.time()) once the last write() returned, i.e. once all output was handed to the kernel.
"""
import sys
import time


def main():
    n, side = int(sys.argv[1]), sys.argv[2]
    t0 = time.time()
    pad = b"x" * 91
    out = sys.stdout.buffer
    for base in range(0, n, 1000):  # one write() of about 100 kB per 1,000 lines
        out.write(b"".join(b"%07d %s\n" % (i, pad) for i in range(base, min(n, base + 1000))))
    out.flush()
    t1 = time.time()
    with open(side, "w") as f:
        f.write("%.6f %.6f\n" % (t0, t1))


if __name__ == "__main__":
    main()
