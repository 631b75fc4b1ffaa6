#!/usr/bin/env python3
"""A plugin worker in plain Python (no SDK): the protocol of src/Actors/Plugins/PROTOCOL.md in a few lines.
Besides echo it misbehaves on request, so that the tests can see the daemon survive it."""
import json
import os
import struct
import sys
import time

inp = sys.stdin.buffer
out = sys.stdout.buffer
held = []


def read_frame():
    prefix = inp.read(4)
    if len(prefix) < 4:
        return None
    (length,) = struct.unpack(">I", prefix)
    body = inp.read(length)
    return json.loads(body)


def write_raw(data):
    out.write(data)
    out.flush()


def reply(rid, result=None, error=None):
    message = {"id": rid, "error": {"code": "failed", "message": error}} if error else {"id": rid, "result": result}
    body = json.dumps(message).encode()
    write_raw(struct.pack(">I", len(body)) + body)


while True:
    request = read_frame()
    if request is None:
        sys.exit(0)
    rid, method, params = request["id"], request["method"], request.get("params")
    if params is None:
        params = {}
    if method == "hello":
        reply(rid, {"protocol": int(os.environ.get("FAKE_PROTOCOL", "1"))})
    elif method == "echo":
        reply(rid, params)
    elif method == "pid":
        reply(rid, {"pid": os.getpid()})
    elif method == "sleep":
        time.sleep(params.get("ms", 0) / 1000)
        reply(rid, {"pid": os.getpid()})
    elif method == "hang":
        time.sleep(3600)
    elif method == "crash":
        sys.stderr.write("crashing as asked\n")
        sys.stderr.flush()
        os._exit(3)
    elif method == "garbage":
        write_raw(struct.pack(">I", 11) + b"not json!!!")
    elif method == "partial":
        write_raw(struct.pack(">I", 100) + b'{"id":')
        os._exit(0)
    elif method == "huge":
        write_raw(struct.pack(">I", 1 << 30) + b"{")
        time.sleep(3600)
    elif method == "wrong-id":
        reply(rid + 1000, {"oops": True})
    elif method == "alloc":
        held.append(bytearray(params.get("mb", 1) * 1024 * 1024))
        for block in held:
            for i in range(0, len(block), 4096):
                block[i] = 1
        reply(rid, {"held_mb": sum(len(b) for b in held) // (1024 * 1024)})
    elif method == "env":
        reply(rid, {"keys": sorted(os.environ.keys())})
    elif method == "fail":
        reply(rid, error=params.get("message", "asked to fail"))
    else:
        reply(rid, error="unknown method " + method)
