#!/usr/bin/env python3
"""HTTP measuring for bench/serve (standard library only).

Subcommands:
  load    --url U [--range-mib N --size BYTES] --conns C --seconds S
          keep-alive GETs from C processes for S seconds (a random N MiB Range per request when --range-mib);
          prints JSON: requests/s, MiB/s, statuses. Fallback when wrk is not installed.
  latency --url U [--url U2 ...] --requests N [--warmup W] [--header 'Name: value']
          sequential keep-alive GETs, prints JSON: p50/p95/p99/max in ms per URL.
"""
import argparse
import http.client
import json
import multiprocessing
import random
import sys
import time
import urllib.parse


def connect(url):
    u = urllib.parse.urlsplit(url)
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60), u.path + ("?" + u.query if u.query else "")


def worker(url, seconds, range_mib, size, headers, q):
    conn, path = connect(url)
    n = nbytes = 0
    statuses = {}
    rnd = random.Random()
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        h = dict(headers)
        if range_mib:
            span = range_mib * 1048576
            start = rnd.randrange(0, max(1, size - span))
            h["Range"] = f"bytes={start}-{start + span - 1}"
        conn.request("GET", path, headers=h)
        r = conn.getresponse()
        body = r.read()
        n += 1
        nbytes += len(body)
        statuses[r.status] = statuses.get(r.status, 0) + 1
    q.put((n, nbytes, statuses))


def cmd_load(a):
    q = multiprocessing.Queue()
    headers = dict(h.split(": ", 1) for h in a.header)
    procs = [multiprocessing.Process(target=worker, args=(a.url, a.seconds, a.range_mib, a.size, headers, q))
             for _ in range(a.conns)]
    t0 = time.monotonic()
    for p in procs:
        p.start()
    results = [q.get() for _ in procs]
    for p in procs:
        p.join()
    wall = time.monotonic() - t0
    n = sum(r[0] for r in results)
    b = sum(r[1] for r in results)
    statuses = {}
    for r in results:
        for k, v in r[2].items():
            statuses[str(k)] = statuses.get(str(k), 0) + v
    print(json.dumps({"requests": n, "seconds": round(wall, 2), "rps": round(n / wall, 1),
                      "mib_per_s": round(b / wall / 1048576, 1), "statuses": statuses, "client": "python"}))


def percentile(sorted_ms, p):
    return sorted_ms[min(len(sorted_ms) - 1, int(round(p / 100 * (len(sorted_ms) - 1))))]


def cmd_latency(a):
    headers = dict(h.split(": ", 1) for h in a.header)
    out = {}
    for url in a.url:
        conn, path = connect(url)
        times, statuses, total = [], {}, None
        for i in range(a.warmup + a.requests):
            t = time.perf_counter()
            conn.request("GET", path, headers=headers)
            r = conn.getresponse()
            r.read()
            dt = (time.perf_counter() - t) * 1000
            statuses[r.status] = statuses.get(r.status, 0) + 1
            total = r.getheader("X-Total-Count")
            if i >= a.warmup:
                times.append(dt)
        times.sort()
        out[url] = {"n": len(times), "p50_ms": round(percentile(times, 50), 2), "p95_ms": round(percentile(times, 95), 2),
                    "p99_ms": round(percentile(times, 99), 2), "max_ms": round(times[-1], 2),
                    "total_count": total, "statuses": {str(k): v for k, v in statuses.items()}}
    print(json.dumps(out))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    l = sub.add_parser("load")
    l.add_argument("--url", required=True)
    l.add_argument("--range-mib", type=int, default=0)
    l.add_argument("--size", type=int, default=0)
    l.add_argument("--conns", type=int, default=8)
    l.add_argument("--seconds", type=float, default=10)
    l.add_argument("--header", action="append", default=[])
    t = sub.add_parser("latency")
    t.add_argument("--url", action="append", required=True)
    t.add_argument("--requests", type=int, default=300)
    t.add_argument("--warmup", type=int, default=50)
    t.add_argument("--header", action="append", default=[])
    a = p.parse_args()
    {"load": cmd_load, "latency": cmd_latency}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
