#!/usr/bin/env python3
"""Measuring helpers for bench/encode and bench/upload (standard library only).

Subcommands:
  timed  --name N --out F.jsonl -- CMD...   run CMD, append wall time, CPU time, peak RSS, others' CPU
  quiet  --max SECONDS                        wait (bounded) until the machine is mostly idle
  kinora --url U --pid P --src FILE --password PW --out F.json
                                              upload FILE, follow video and job, sample the JVM's memory
  report --dir D                              print the encode comparison from D/*.json[l]
  tus    --url U --pid P --src FILE --password PW --chunk-mb N --out F.json
                                              tus upload of FILE in PATCHes, with heap/RSS before and after
"""
import argparse
import json
import os
import re
import resource
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone

TICK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


# ---------------------------------------------------------------- /proc helpers

def system_cpu():
    """(busy, total) clock ticks of the whole machine since boot."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    idle = v[3] + v[4]  # idle + iowait
    total = sum(v[:8])  # without guest (already in user)
    return total - idle, total


def proc_cpu_split(pid):
    """(own utime+stime, cutime+cstime of reaped children, i.e. the ffmpeg processes the JVM waited for), seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is state (field 3); utime is field 14 -> index 11
    ut, st, cut, cst = (int(x) for x in fields[11:15])
    return (ut + st) / TICK, (cut + cst) / TICK


def proc_cpu_seconds(pid):
    own, kids = proc_cpu_split(pid)
    return own + kids


def thread_cpu(pid):
    """{tid: (name with digits as N, CPU seconds)} of the process's live threads (/proc/PID/task)."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                raw = f.read()
            name = re.sub(r"\d+", "N", raw[raw.index("(") + 1:raw.rindex(")")])
            fields = raw.rsplit(")", 1)[1].split()
            out[tid] = (name, (int(fields[11]) + int(fields[12])) / TICK)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
    return out


def thread_cpu_delta(before, after, own_total):
    """JVM CPU between two thread_cpu snapshots by thread name; threads that ended meanwhile as 'ended threads'."""
    agg = {}
    for tid, (name, cpu) in after.items():
        agg[name] = agg.get(name, 0.0) + cpu - (before[tid][1] if tid in before else 0.0)
    agg["(ended threads)"] = own_total - sum(agg.values())
    return {n: round(c, 2) for n, c in sorted(agg.items(), key=lambda kv: -kv[1]) if abs(c) >= 0.05}


def status_kb(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return None


def descendants(pid):
    children = {}
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(d))
        except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
            pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in children.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def tree_rss_kb(pid):
    total = status_kb(pid, "VmRSS") or 0
    for c in descendants(pid):
        total += status_kb(c, "VmRSS") or 0
    return total


def heap_info(pid, gc=False):
    """Java heap 'used' and committed ('total') in KB from jcmd GC.heap_info (after a full GC if gc), or None."""
    if gc:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=120)
    try:
        out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r"total (?:reserved )?(\d+)K, (?:committed (\d+)K, )?used (\d+)K", out)
    if not m:
        m2 = re.search(r"total (\d+)K, used (\d+)K", out)
        if not m2:
            return {"raw": out.strip()[:400]}
        return {"total_kb": int(m2.group(1)), "used_kb": int(m2.group(2)), "raw": out.strip().splitlines()[1:2]}
    return {"total_kb": int(m.group(2) or m.group(1)), "used_kb": int(m.group(3)), "raw": out.strip().splitlines()[1:2]}


class HeapSampler(threading.Thread):
    """Heap used (no GC forced) via jcmd, as often as jcmd allows (about once a second)."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.max_used, self.samples = pid, 0, 0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            h = heap_info(self.pid)
            if h and "used_kb" in h:
                self.max_used = max(self.max_used, h["used_kb"])
                self.samples += 1
            self._halt.wait(0.5)

    def stop(self):
        self._halt.set()
        self.join()


class Sampler(threading.Thread):
    """Samples the JVM's VmRSS/VmHWM and the RSS of the JVM plus its child processes (ffmpeg)."""

    def __init__(self, pid, period=0.25):
        super().__init__(daemon=True)
        self.pid, self.period = pid, period
        self.max_rss = self.max_tree = self.hwm = 0
        self.max_children = 0
        self.samples = 0
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            rss = status_kb(self.pid, "VmRSS")
            if rss is None:
                break
            self.max_rss = max(self.max_rss, rss)
            self.hwm = max(self.hwm, status_kb(self.pid, "VmHWM") or 0)
            kids = descendants(self.pid)
            self.max_children = max(self.max_children, len(kids))
            self.max_tree = max(self.max_tree, rss + sum(status_kb(c, "VmRSS") or 0 for c in kids))
            self.samples += 1
            self._halt.wait(self.period)

    def stop(self):
        self._halt.set()
        self.join()


# ---------------------------------------------------------------- HTTP helpers

def http(method, url, body=None, headers=None, timeout=600):
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def patch_file(url, headers, f, offset, count, timeout=600):
    """PATCH `count` bytes of the open file `f` from `offset`, sent with sendfile(2): this client copies nothing itself.
    Reading each chunk into a Python buffer first took this client from 0.15 to ~0.7 CPU-s per GiB on the machine
    the server shares (2 cores), and left the server idle while it happened; a client streaming from its file is what this
    benchmark is meant to have in front of the server."""
    import http.client
    import urllib.parse
    u = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)
    try:
        conn.putrequest("PATCH", u.path + ("?" + u.query if u.query else ""), skip_accept_encoding=True)
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.putheader("Content-Length", str(count))
        conn.endheaders()
        try:
            conn.sock.sendfile(f, offset, count)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered before the end of the body (an error): read that answer
        r = conn.getresponse()
        return r.status, dict(r.headers), r.read()
    finally:
        conn.close()


def token(url, password, user="admin"):
    s, _, b = http("POST", url + "/api/v1/auth/token", json.dumps({"username": user, "password": password}).encode(),
                   {"Content-Type": "application/json"})
    if s != 200:
        sys.exit(f"login failed: {s} {b[:300]!r}")
    return json.loads(b)["access_token"]


def get_json(url, tok):
    s, _, b = http("GET", url, headers={"Authorization": "Bearer " + tok}, timeout=60)
    if s != 200:
        raise RuntimeError(f"GET {url}: {s} {b[:300]!r}")
    return json.loads(b)


def parse_time(v):
    """ISO-8601 from JSON-B (java.util.Date or Instant), e.g. 2025-01-01T10:00:00.123Z[UTC] -> epoch seconds."""
    if v is None:
        return None
    if isinstance(v, (int, float)):
        return v / 1000.0
    v = re.sub(r"\[.*\]$", "", v).replace("Z", "+00:00")
    d = datetime.fromisoformat(v)
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp()


# ---------------------------------------------------------------- subcommands

def cmd_timed(a):
    busy0, tot0 = system_cpu()
    t0 = time.perf_counter()
    p = subprocess.run(a.cmd)
    wall = time.perf_counter() - t0
    busy1, tot1 = system_cpu()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ru.ru_utime + ru.ru_stime
    rec = {"name": a.name, "wall_s": round(wall, 3), "cpu_s": round(cpu, 2), "maxrss_kb": ru.ru_maxrss,
           "others_cpu_s": round(max(0.0, (busy1 - busy0) / TICK - cpu), 1), "exit": p.returncode}
    with open(a.out, "a") as f:
        f.write(json.dumps(rec) + "\n")
    print(f"  {a.name}: {wall:.2f} s wall, {cpu:.1f} CPU-s, peak RSS {ru.ru_maxrss / 1024:.0f} MiB, "
          f"other processes used {rec['others_cpu_s']} CPU-s meanwhile", flush=True)
    sys.exit(p.returncode)


def cmd_quiet(a):
    """Waits until the other processes leave at least 75 % of the machine idle over 3 s (bounded)."""
    deadline = time.time() + a.max
    while True:
        b0, t0 = system_cpu()
        time.sleep(3)
        b1, t1 = system_cpu()
        busy = (b1 - b0) / max(1, t1 - t0)
        if busy <= 0.25 or time.time() >= deadline:
            state = "quiet" if busy <= 0.25 else "NOT quiet (gave up waiting)"
            print(f"  machine {state}: {busy * 100:.0f} % busy over 3 s, loadavg {open('/proc/loadavg').read().split()[:3]}",
                  flush=True)
            return


def warm_up(url, tok, clip):
    """Encodes a short clip to the end, unmeasured: a fresh JVM spends seconds of CPU compiling the upload, JPA and
    batch paths on first use (measured with JFR: ~8 CPU-s of C2 during the first job), which a server in service
    has long done."""
    t0 = time.time()
    with open(clip, "rb") as f:
        s, _, b = http("POST", url + "/api/v1/videos?visibility=PRIVATE&filename=warmup.mp4", f,
                       {"Authorization": "Bearer " + tok, "Content-Type": "video/mp4",
                        "Content-Length": str(os.path.getsize(clip))})
    if s not in (200, 201):
        sys.exit(f"warm-up upload failed: {s} {b[:500]!r}")
    vid = json.loads(b)["id"]
    while time.time() - t0 < 600:
        video = get_json(f"{url}/api/v1/videos/{vid}", tok)
        if video["status"] in ("COMPLETED", "FAILED", "REJECTED") and video.get("jobExecutionId"):
            job = get_json(f"{url}/api/v1/jobs/{video['jobExecutionId']}", tok)
            if job["status"] in ("COMPLETED", "FAILED", "STOPPED", "ABANDONED"):
                print(f"  warm-up clip encoded ({video['status']}) in {time.time() - t0:.1f} s, not measured", flush=True)
                return
        time.sleep(0.5)
    sys.exit("warm-up clip did not finish in 600 s")


def cmd_kinora(a):
    url, pid = a.url.rstrip("/"), a.pid
    result = {"source_bytes": os.path.getsize(a.src)}
    time.sleep(a.settle)
    result["baseline"] = {"vmrss_kb": status_kb(pid, "VmRSS"), "vmhwm_kb": status_kb(pid, "VmHWM"),
                          "heap": heap_info(pid)}
    print(f"  WildFly idle baseline: VmRSS {result['baseline']['vmrss_kb'] / 1024:.0f} MiB, "
          f"VmHWM so far (startup) {result['baseline']['vmhwm_kb'] / 1024:.0f} MiB", flush=True)
    tok = token(url, a.password)
    for _ in range(a.warmup_runs if a.warmup else 0):
        warm_up(url, tok, a.warmup)
        time.sleep(a.settle)
    if a.ffmpeg_log and os.path.exists(a.ffmpeg_log):
        os.truncate(a.ffmpeg_log, 0)  # the warm-up's processes are not part of the measurement
    sampler = Sampler(pid)
    own0, kids0 = proc_cpu_split(pid)
    threads0 = thread_cpu(pid)
    cpu0 = own0 + kids0
    busy0, _ = system_cpu()
    sampler.start()
    t_upload = time.time()
    with open(a.src, "rb") as f:
        s, _, b = http("POST", url + "/api/v1/videos?visibility=PRIVATE&filename=" + os.path.basename(a.src), f,
                       {"Authorization": "Bearer " + tok, "Content-Type": "video/mp4",
                        "Content-Length": str(result["source_bytes"])})
    t_uploaded = time.time()
    if s not in (200, 201):
        sampler.stop()
        sys.exit(f"upload failed: {s} {b[:500]!r}")
    vid = json.loads(b)["id"]
    print(f"  uploaded in {t_uploaded - t_upload:.2f} s: video {vid}", flush=True)
    seen, last_pct, video = [], -1, None
    deadline = time.time() + a.timeout
    while time.time() < deadline:
        video = get_json(f"{url}/api/v1/videos/{vid}", tok)
        st = video["status"]
        if not seen or seen[-1][0] != st:
            seen.append((st, round(time.time() - t_upload, 2)))
            print(f"  +{time.time() - t_upload:7.2f} s  video {st}", flush=True)
        pct = (video.get("progress") or {}).get("percent")
        if pct is not None and pct // 10 != last_pct // 10:
            last_pct = pct
            print(f"  +{time.time() - t_upload:7.2f} s  progress {pct} %", flush=True)
        if st in ("COMPLETED", "FAILED", "REJECTED"):
            break
        # every figure comes from the server's own timestamps (job start/end, readyAt, publishedAt); polling only
        # notices the end, and a faster poll is CPU the server spends on us (it was ~5 CPU-s a run at 0.2 s)
        time.sleep(1.0)
    t_completed = time.time()
    own_c, kids_c = proc_cpu_split(pid)
    if video is None or video["status"] != "COMPLETED":
        sampler.stop()
        sys.exit(f"video did not complete: {json.dumps(video)[:2000]}")
    job_id = video["jobExecutionId"]
    while True:
        job = get_json(f"{url}/api/v1/jobs/{job_id}", tok)
        if job["status"] in ("COMPLETED", "FAILED", "STOPPED", "ABANDONED"):
            break
        time.sleep(0.5)
    t_job_seen = time.time()
    own1, kids1 = proc_cpu_split(pid)
    threads1 = thread_cpu(pid)
    cpu1 = own1 + kids1
    busy1, _ = system_cpu()
    sampler.stop()
    js, je = parse_time(job["start"]), parse_time(job["end"])
    ready = parse_time(video.get("readyAt"))
    renditions = sorted(((r["name"], parse_time(r.get("publishedAt"))) for r in video.get("renditions", [])),
                        key=lambda x: x[1] or 0)
    result.update({
        "video_id": vid, "job_id": job_id, "job_status": job["status"], "statuses": seen,
        "upload_s": round(t_uploaded - t_upload, 3),
        "job_s": round(je - js, 3),
        "wall_upload_to_completed_s": round(t_completed - t_upload, 3),
        "upload_to_job_start_s": round(js - t_upload, 3),
        "first_playable_s": round(ready - js, 3) if ready else None,
        "first_playable_fraction": round((ready - js) / (je - js), 4) if ready else None,
        "renditions_published_s": [(n, round(p - js, 2)) for n, p in renditions if p],
        "steps": [{"name": s["name"], "status": s["status"],
                   "s": round(parse_time(s["end"]) - parse_time(s["start"]), 2) if s.get("end") and s.get("start") else None,
                   "from": round(parse_time(s["start"]) - js, 2) if s.get("start") else None,
                   "to": round(parse_time(s["end"]) - js, 2) if s.get("end") else None,
                   "metrics": {k: v for k, v in (s.get("metrics") or {}).items() if v}}
                  for s in job["steps"]],
        "completed_after_job_start_s": round(t_completed - js, 2),
        "jvm_cpu_s_incl_ffmpeg": round(cpu1 - cpu0, 1),
        "jvm_own_cpu_s": round(own1 - own0, 1),
        "ffmpeg_children_cpu_s": round(kids1 - kids0, 1),
        "cpu_s_until_completed": round(own_c + kids_c - cpu0, 1),
        "ffmpeg_children_cpu_s_until_completed": round(kids_c - kids0, 1),
        "job_raw": job,
        "others_cpu_s": round(max(0.0, (busy1 - busy0) / TICK - (cpu1 - cpu0)), 1),
        "peak": {"vmhwm_kb": max(sampler.hwm, status_kb(pid, "VmHWM") or 0),
                 "max_sampled_vmrss_kb": sampler.max_rss,
                 "max_sampled_tree_rss_kb": sampler.max_tree,
                 "max_concurrent_children": sampler.max_children,
                 "samples": sampler.samples},
        "after": {"vmrss_kb": status_kb(pid, "VmRSS"), "heap": heap_info(pid)},
        "job_seen_lag_s": round(t_job_seen - je, 2),
        "ffmpeg_by_task": ffmpeg_breakdown(a.ffmpeg_log),
        "jvm_by_thread": thread_cpu_delta(threads0, threads1, own1 - own0),
    })
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)
    print(f"  job {job_id} {job['status']}: {result['job_s']:.2f} s (job start -> end), "
          f"{result['wall_upload_to_completed_s']:.2f} s upload start -> video COMPLETED", flush=True)
    for s in result["steps"]:
        print(f"    step {s['name']:<11} {s['s'] if s['s'] is not None else '?':>8} s  "
              f"(job +{s['from']} s .. +{s['to']} s)  {s['metrics']}", flush=True)


def ffmpeg_breakdown(path):
    """{label: [processes, CPU-s, wall-s]} from the accounting wrapper's log (see ffmpeg-accounting)."""
    out = {}
    if not path or not os.path.exists(path):
        return out
    for line in open(path):
        parts = line.split()
        if len(parts) != 5:
            continue
        wall, user, sys_, label = float(parts[1]), float(parts[2]), float(parts[3]), parts[4]
        n, cpu, w = out.get(label, [0, 0.0, 0.0])
        out[label] = [n + 1, round(cpu + user + sys_, 2), round(w + wall, 2)]
    return dict(sorted(out.items(), key=lambda kv: -kv[1][1]))


def mib(kb):
    return f"{kb / 1024:.0f} MiB" if kb else "n/a"


def cmd_report(a):
    k = json.load(open(os.path.join(a.dir, "kinora.json")))
    runs = [json.loads(l) for l in open(os.path.join(a.dir, "ffmpeg.jsonl"))]
    ones = [r for r in runs if r["name"].startswith("one-process")]
    one = {"wall_s": sum(r["wall_s"] for r in ones) / len(ones), "cpu_s": sum(r["cpu_s"] for r in ones) / len(ones),
           "maxrss_kb": max(r["maxrss_kb"] for r in ones), "others_cpu_s": max(r["others_cpu_s"] for r in ones)}
    one_runs = " / ".join(f"{r['wall_s']:.2f} s" for r in ones)
    seq = [r for r in runs if r["name"].startswith("seq-")]
    seq_s = sum(r["wall_s"] for r in seq)
    seq_cpu = sum(r["cpu_s"] for r in seq)
    seq_rss = max(r["maxrss_kb"] for r in seq)
    seq_others = sum(r["others_cpu_s"] for r in seq)
    job = k["job_s"]
    steps = {s["name"]: s for s in k["steps"]}
    encode_step = steps["encode"]["s"] if "encode" in steps else None
    # the jobs API reports the partitioned encode step with start == end; the phase between its neighbours is real
    # the encode step (audio track + pieces) runs from the end of segmenting to the start of "package"
    encode_phase = (steps["package"]["from"] - steps["segment"]["to"]) if "package" in steps and "segment" in steps else None
    r_one, r_seq = job / one["wall_s"], job / seq_s
    ncpu = os.cpu_count()
    frac = k["first_playable_fraction"]
    lines = [
        "",
        "==================== Kinora encode benchmark ====================",
        f"source: {a.source_desc}",
        f"machine: {os.cpu_count()} CPUs; kinora.batch.threads={a.threads}, preset {a.preset}",
        "",
        "times (wall clock)",
        f"  Kinora job (job start -> job end, jobs API) : {job:8.2f} s",
        f"  Kinora upload start -> video COMPLETED     : {k['wall_upload_to_completed_s']:8.2f} s"
        f"   (upload {k['upload_s']:.2f} s, upload start -> job start {k['upload_to_job_start_s']:.2f} s)",
        f"  Kinora job start -> video COMPLETED        : {k['completed_after_job_start_s']:8.2f} s"
        f"   (then thumbnails + quality report: {job - k['completed_after_job_start_s']:.2f} s)",
        f"  Kinora encode phase (segment end -> package start): {encode_phase:8.2f} s"
        f"   (encode step itself per jobs API: {encode_step} s)" if encode_phase is not None else "",
        "  Kinora steps (s): " + ", ".join(f"{s['name']} {s['s']}" for s in k["steps"]),
        f"  ffmpeg one process (split, 6x x264 + AAC)  : {one['wall_s']:8.2f} s   (mean of {len(ones)} runs: {one_runs})",
        f"  ffmpeg sequential (6 runs + 1 audio run)   : {seq_s:8.2f} s",
        "",
        "ratios",
        f"  Kinora job / one-process : {r_one:6.3f}x",
        f"  Kinora job / sequential  : {r_seq:6.3f}x",
        f"  Kinora encode phase / one-process : {encode_phase / one['wall_s']:6.3f}x" if encode_phase else "",
        "",
        "first playable rendition",
        f"  readyAt - job start = {k['first_playable_s']:.2f} s = {frac * 100:.1f} % of the job",
        f"  renditions published at (s after job start): {k['renditions_published_s']}",
        "",
        "CPU time (user+sys, less sensitive to other load than wall time)",
        f"  Kinora JVM + its ffmpeg children, upload -> job end : {k['jvm_cpu_s_incl_ffmpeg']:8.1f} CPU-s"
        f"  (JVM itself {k['jvm_own_cpu_s']}, ffmpeg children {k['ffmpeg_children_cpu_s']})",
        f"  Kinora, upload -> video COMPLETED (before thumbnails/report)   : {k['cpu_s_until_completed']:8.1f} CPU-s"
        f"  (ffmpeg children {k['ffmpeg_children_cpu_s_until_completed']})" if "cpu_s_until_completed" in k else None,
        "  Kinora's FFmpeg processes by task (processes, CPU-s, wall-s summed): " + "; ".join(
            f"{label} {v[0]} / {v[1]:.1f} / {v[2]:.1f}" for label, v in k.get("ffmpeg_by_task", {}).items()),
        "  Kinora's JVM by thread (CPU-s): " + ", ".join(f"{n} {c}" for n, c in k.get("jvm_by_thread", {}).items()),
        f"  ffmpeg one process                                  : {one['cpu_s']:8.1f} CPU-s",
        f"  ffmpeg sequential                                   : {seq_cpu:8.1f} CPU-s",
        f"  other processes on the machine meanwhile: Kinora run {k['others_cpu_s']} CPU-s, "
        f"one-process run {one['others_cpu_s']} CPU-s, sequential runs {seq_others:.1f} CPU-s",
        f"  share of the machine each got: Kinora {k['jvm_cpu_s_incl_ffmpeg'] / (ncpu * job) * 100:.0f} %, "
        f"one-process {one['cpu_s'] / (ncpu * one['wall_s']) * 100:.0f} %, sequential {seq_cpu / (ncpu * seq_s) * 100:.0f} %"
        + ("   <- wall-clock ratios NOT trustworthy, machine shared" if max(k['others_cpu_s'] / (ncpu * job),
           one['others_cpu_s'] / (ncpu * one['wall_s'])) > 0.15 else ""),
        "",
        "peak memory",
        f"  WildFly baseline before upload : VmRSS {mib(k['baseline']['vmrss_kb'])} (VmHWM incl. startup {mib(k['baseline']['vmhwm_kb'])})",
        f"  WildFly during the job         : VmHWM {mib(k['peak']['vmhwm_kb'])}, max sampled VmRSS {mib(k['peak']['max_sampled_vmrss_kb'])}",
        f"  WildFly + its ffmpeg children  : max sampled {mib(k['peak']['max_sampled_tree_rss_kb'])} "
        f"(up to {k['peak']['max_concurrent_children']} child processes at once)",
        f"  ffmpeg one process             : {mib(one['maxrss_kb'])}",
        f"  ffmpeg sequential (largest run): {mib(seq_rss)}",
        "",
        "targets",
        f"  Kinora job <= 1.10x one-process ffmpeg : {r_one:.3f}x -> {'MET' if r_one <= 1.10 else 'NOT MET'}",
        f"  first rendition <= 10 % of the job     : {frac * 100:.1f} % -> {'MET' if frac <= 0.10 else 'NOT MET'}",
        "=================================================================",
    ]
    print("\n".join(l for l in lines if l is not None))


def tus_warmup(url, tok, src, chunk):
    """Uploads `src` (random bytes, not a video: refused after the last PATCH) unmeasured, so that the PATCH path and
    the completion have run once and the JIT has compiled them, as on a server that has run a while. Before, the
    measured upload paid ~0.3 s of first-time completion and the compiles left from the server's start."""
    hdr = {"Authorization": "Bearer " + tok, "Tus-Resumable": "1.0.0"}
    size = os.path.getsize(src)
    t0 = time.perf_counter()
    s, h, b = http("POST", url + "/api/v1/uploads", b"", dict(hdr, **{"Upload-Length": str(size)}))
    if s != 201:
        sys.exit(f"tus create (warm-up): {s} {b[:300]!r}")
    loc = {k.lower(): v for k, v in h.items()}["location"]
    with open(src, "rb") as f:
        for offset in range(0, size, chunk):
            s, h, b = patch_file(loc, dict(hdr, **{"Content-Type": "application/offset+octet-stream",
                                                   "Upload-Offset": str(offset)}), f, offset, min(chunk, size - offset))
            if s != 204:
                sys.exit(f"PATCH (warm-up) at {offset}: {s} {b[:300]!r}")
    print(f"  warm-up: {size >> 20} MiB of random bytes uploaded in {time.perf_counter() - t0:.1f} s (refused after "
          f"the last PATCH: not a video), not measured", flush=True)


def cmd_tus(a):
    url, pid = a.url.rstrip("/"), a.pid
    size = os.path.getsize(a.src)
    chunk = a.chunk_mb * 1024 * 1024
    tok = token(url, a.password)
    if a.warmup:
        tus_warmup(url, tok, a.warmup, chunk)
    time.sleep(a.settle)
    before = {"heap_after_gc": heap_info(pid, gc=True), "vmrss_kb": status_kb(pid, "VmRSS"),
              "vmhwm_kb": status_kb(pid, "VmHWM"), "heap": heap_info(pid)}
    print(f"  before: VmRSS {mib(before['vmrss_kb'])}, heap after full GC {before['heap_after_gc']}", flush=True)
    sampler = Sampler(pid)
    sampler.start()
    heaps = HeapSampler(pid)
    if a.heap_sample:  # each jcmd starts a JVM: costs a CPU-second or so, which slows the upload it watches
        heaps.start()
    import base64
    meta = "filename " + base64.b64encode(os.path.basename(a.src).encode()).decode()
    cpu0, me0 = proc_cpu_seconds(pid), time.process_time()
    t0 = time.perf_counter()
    s, h, b = http("POST", url + "/api/v1/uploads",
                   b"", {"Authorization": "Bearer " + tok, "Tus-Resumable": "1.0.0", "Upload-Length": str(size),
                         "Upload-Metadata": meta})
    if s != 201:
        sampler.stop()
        sys.exit(f"tus create: {s} {b[:300]!r}")
    loc = {k.lower(): v for k, v in h.items()}["location"]
    offset, patches, last, patch_times = 0, 0, None, []
    with open(a.src, "rb") as f:
        while offset < size:
            n = min(chunk, size - offset)
            tp = time.perf_counter()
            s, h, b = patch_file(loc, {"Authorization": "Bearer " + tok, "Tus-Resumable": "1.0.0",
                                       "Content-Type": "application/offset+octet-stream",
                                       "Upload-Offset": str(offset)}, f, offset, n)
            patches += 1
            patch_times.append(time.perf_counter() - tp)
            hl = {k.lower(): v for k, v in h.items()}
            if s != 204:
                last = (s, b[:300].decode(errors="replace"))
                if "upload-offset" not in hl or int(hl["upload-offset"]) != offset + n:
                    sampler.stop()
                    sys.exit(f"PATCH at {offset}: {s} {b[:300]!r}")
            offset = int(hl.get("upload-offset", offset + n))
    wall = time.perf_counter() - t0
    # CPU per GiB does not depend on what else the machine runs, the MiB/s do: server (WildFly) and this client
    server_cpu, client_cpu = proc_cpu_seconds(pid) - cpu0, time.process_time() - me0
    # the last PATCH is answered before the file is probed and stored (stage 'validating'): how long that takes after
    validated_s, video_state = None, None
    vid = hl.get("x-kinora-video-id")
    while vid and time.perf_counter() - t0 - wall < 600:
        v = get_json(url + "/api/v1/videos/" + vid, tok)
        stage = (v.get("progress") or {}).get("stage")
        if v.get("status") == "FAILED" or stage not in ("validating", "storage-full"):
            validated_s, video_state = round(time.perf_counter() - t0 - wall, 3), f"{v.get('status')} / {stage}"
            break
        time.sleep(0.05)
    sampler.stop()
    if a.heap_sample:
        heaps.stop()
    after = {"vmrss_kb": status_kb(pid, "VmRSS"), "vmhwm_kb": status_kb(pid, "VmHWM"), "heap": heap_info(pid),
             "heap_after_gc": heap_info(pid, gc=True)}
    res = {"bytes": size, "patches": patches, "chunk_mb": a.chunk_mb, "warmup_mb": os.path.getsize(a.warmup) >> 20 if a.warmup else 0, "wall_s": round(wall, 3),
           "mib_per_s": round(size / 1048576 / wall, 1),
           "last_patch_s": round(patch_times[-1], 3),
           "median_patch_s": round(sorted(patch_times[:-1])[len(patch_times[:-1]) // 2], 3) if len(patch_times) > 1 else None, "final_status": last, "video_id": hl.get("x-kinora-video-id"),
           "before": before, "after": after,
           "max_sampled_vmrss_kb": sampler.max_rss, "vmhwm_during_kb": sampler.hwm,
           "max_sampled_heap_used_kb": heaps.max_used, "heap_samples": heaps.samples,
           "validated_s": validated_s, "video_state": video_state,
           "server_cpu_s_per_gib": round(server_cpu / (size / 1073741824), 2),
           "client_cpu_s_per_gib": round(client_cpu / (size / 1073741824), 2),
           "transfer_mib_per_s_without_last_patch": round((size - min(size, chunk)) / 1048576 / sum(patch_times[:-1]), 1)
               if len(patch_times) > 1 else None}
    with open(a.out, "w") as f:
        json.dump(res, f, indent=2)
    print(f"  tus: {size} bytes in {patches} PATCHes, {wall:.2f} s = {res['mib_per_s']} MiB/s; "
          f"completion: {'204 (accepted, video ' + str(res['video_id']) + ')' if last is None else last}", flush=True)
    print(f"  after: VmRSS {mib(after['vmrss_kb'])}, heap after full GC {after['heap_after_gc']}", flush=True)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd_name", required=True)
    t = sub.add_parser("timed"); t.add_argument("--name", required=True); t.add_argument("--out", required=True)
    t.add_argument("cmd", nargs=argparse.REMAINDER)
    q = sub.add_parser("quiet"); q.add_argument("--max", type=float, default=60)
    k = sub.add_parser("kinora")
    tus = sub.add_parser("tus")
    tus.add_argument("--warmup", help="random bytes uploaded first and not measured (JIT warm-up, as on a running server)")
    for x in (k, tus):
        x.add_argument("--url", required=True); x.add_argument("--pid", type=int, required=True)
        x.add_argument("--src", required=True); x.add_argument("--password", required=True)
        x.add_argument("--out", required=True); x.add_argument("--settle", type=float, default=5)
        x.add_argument("--timeout", type=float, default=3600); x.add_argument("--chunk-mb", type=int, default=64)
        x.add_argument("--heap-sample", action="store_true")
    k.add_argument("--warmup", help="a short clip encoded first and not measured (JIT warm-up, as on a running server)")
    k.add_argument("--ffmpeg-log", help="the accounting wrappers' log: CPU by FFmpeg task")
    k.add_argument("--warmup-runs", type=int, default=1,
                   help="how often to encode the warm-up clip (a second one did not lower the ~1.8 CPU-s C2 compiles during the job)")
    r = sub.add_parser("report"); r.add_argument("--dir", required=True); r.add_argument("--source-desc", default="")
    r.add_argument("--threads", default="?"); r.add_argument("--preset", default="veryfast")
    a = p.parse_args()
    if a.cmd_name == "timed":
        if a.cmd and a.cmd[0] == "--":
            a.cmd = a.cmd[1:]
        cmd_timed(a)
    elif a.cmd_name == "quiet":
        cmd_quiet(a)
    elif a.cmd_name == "kinora":
        cmd_kinora(a)
    elif a.cmd_name == "report":
        cmd_report(a)
    elif a.cmd_name == "tus":
        cmd_tus(a)


if __name__ == "__main__":
    main()
