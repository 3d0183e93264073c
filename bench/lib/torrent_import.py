"""bench/torrent: imports a .torrent into a running Kinora and measures it (see bench/torrent)."""
import json
import sys
import time

import benchlib as b


def main():
    url, pid, password, magnet, out, size = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6])
    tok = b.token(url, password)
    time.sleep(10)  # settle after the start
    before = {"heap": b.heap_info(pid), "heap_after_gc": b.heap_info(pid, gc=True),
              "vmrss_kb": b.status_kb(pid, "VmRSS"), "vmhwm_kb": b.status_kb(pid, "VmHWM")}
    t0 = time.perf_counter()
    s, _, body = b.http("POST", url + "/api/v1/videos/import", json.dumps({"url": magnet}).encode(),
                        {"Authorization": "Bearer " + tok, "Content-Type": "application/json"})
    if s != 202:
        sys.exit(f"import refused: {s} {body[:400]!r}")
    vid = json.loads(body)["videoIds"][0]
    answered = time.perf_counter() - t0
    downloaded = stored = None
    max_rss = max_tree = 0
    samples = []
    while True:
        v = b.get_json(url + "/api/v1/videos/" + vid, tok)
        now = time.perf_counter() - t0
        p = v.get("progress") or {}
        d = p.get("download")
        if d:
            samples.append({"t": round(now, 2), "done": d["bytesDone"], "peers": d["peers"], "rate": d["bytesPerSecond"]})
        if downloaded is None and p.get("stage") not in ("queued", "metadata", "downloading"):
            downloaded = now
        if stored is None and (v.get("source") or {}).get("sha256"):
            stored = now
        max_rss = max(max_rss, b.status_kb(pid, "VmRSS") or 0)
        max_tree = max(max_tree, b.tree_rss_kb(pid) or 0)
        if v["status"] == "FAILED":
            sys.exit("import failed: " + json.dumps(v.get("failure")))
        if stored is not None:
            break
        if now > 3600:
            sys.exit("no result in an hour")
        time.sleep(1)
    time.sleep(5)
    after = {"heap": b.heap_info(pid), "heap_after_gc": b.heap_info(pid, gc=True),
             "vmrss_kb": b.status_kb(pid, "VmRSS"), "vmhwm_kb": b.status_kb(pid, "VmHWM")}
    json.dump({"bytes": size, "video_id": vid, "answered_s": round(answered, 3), "download_s": round(downloaded, 2),
               "stored_s": round(stored, 2), "before": before, "after": after, "max_vmrss_kb": max_rss,
               "max_tree_rss_kb": max_tree, "samples": samples}, open(out, "w"), indent=1)


if __name__ == "__main__":
    main()
