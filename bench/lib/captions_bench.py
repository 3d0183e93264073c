"""bench/captions: speech, the recognizer's real-time factor, and the job with the captions step off and on."""
import argparse
import concurrent.futures
import json
import os
import re
import resource
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import benchlib  # noqa: E402

TEXT = ("Good morning and welcome to the video. Today we will look at the weather. It will be sunny in the north. "
        "In the south there will be some rain in the afternoon. The wind will be light and the nights will be cold. "
        "Tomorrow will be much the same, with clouds in the west. Thank you for watching and have a nice day.")
MODEL = "/usr/share/pocketsphinx/model/en-us"
CHUNK = 60


def words(text):
    return [w for w in re.sub(r"[^a-z0-9' ]", " ", text.lower()).split() if w]


def distance(a, b):
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cur[j] = min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + (a[i - 1] != b[j - 1]))
        prev = cur
    return prev[len(b)]


def cmd_speech(a):
    once = os.path.join(a.out, "text.txt")
    with open(once, "w") as f:
        f.write(TEXT + "\n")
    wav = os.path.join(a.out, "once.wav")
    subprocess.run(["text2wave", "-eval", "(voice_cmu_us_slt_arctic_hts)", "-o", wav, once], check=True)
    raw_once = os.path.join(a.out, "once.raw")
    subprocess.run([a.ffmpeg, "-nostdin", "-v", "error", "-y", "-i", wav, "-ac", "1", "-ar", "16000", "-f", "s16le", raw_once], check=True)
    pcm = open(raw_once, "rb").read() + bytes(32000)  # a second between readings
    times = max(1, round(a.seconds * 32000 / len(pcm)))
    speech = os.path.join(a.out, "speech.raw")
    with open(speech, "wb") as f:
        f.write(pcm * times)
    seconds = len(pcm) * times / 32000
    json.dump({"audio_seconds": seconds, "readings": times, "script": " ".join([TEXT] * times)},
              open(os.path.join(a.out, "speech.json"), "w"))
    for tag in ("off", "on"):
        subprocess.run([a.ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
                        "-f", "s16le", "-ar", "16000", "-ac", "1", "-i", speech, "-t", f"{seconds:.3f}",
                        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50",
                        "-c:a", "aac", "-ar", "48000", "-b:a", "128k", "-metadata", "comment=" + tag,
                        os.path.join(a.out, f"source-{tag}.mp4")], check=True)
    print(f"  speech: {seconds:.1f} s ({times} readings of {len(words(TEXT))} words)", flush=True)


def chunk_wavs(out):
    pcm = open(os.path.join(out, "speech.raw"), "rb").read()
    step = CHUNK * 32000
    paths = []
    for i in range(0, len(pcm), step):
        data = pcm[i:i + step]
        p = os.path.join(out, f"chunk-{i // step:03d}.wav")
        with open(p, "wb") as f:
            import struct
            f.write(b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 16000, 32000, 2, 16)
                    + b"data" + struct.pack("<I", len(data)) + data)
        paths.append(p)
    return paths


def recognize(wav):
    """pocketsphinx_continuous as PocketsphinxEngine runs it; returns (words, cpu s of the child, wall s)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.time()
    r = subprocess.run(["pocketsphinx_continuous", "-infile", wav, "-time", "yes", "-logfn", "/dev/null",
                        "-hmm", MODEL + "/en-us", "-lm", MODEL + "/en-us.lm.bin", "-dict", MODEL + "/cmudict-en-us.dict",
                        "-samprate", "16000"], capture_output=True, text=True, check=True)
    wall = time.time() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    heard = []
    for line in r.stdout.splitlines():
        m = re.match(r"^(\S+) [\d.]+ [\d.]+ \S+$", line.strip())
        if m and not m.group(1).startswith(("<", "[", "+")):
            heard.append(re.sub(r"\(\d+\)$", "", m.group(1)))
    return heard, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def cmd_rtf(a):
    info = json.load(open(os.path.join(a.out, "speech.json")))
    wavs = chunk_wavs(a.out)
    heard, cpu, wall = [], 0.0, 0.0
    for w in wavs:
        h, c, t = recognize(w)
        heard += h
        cpu += c
        wall += t
    ref = words(info["script"])
    wer = distance(ref, heard) / len(ref)
    # two chunks at once on the two cores: throughput (audio seconds per wall second)
    t0 = time.time()
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(recognize, (wavs * 2)[:max(2, len(wavs))]))
    both = time.time() - t0
    both_audio = min(len(wavs * 2), max(2, len(wavs))) * CHUNK
    both_audio = min(both_audio, info["audio_seconds"] * 2)
    res = {"audio_seconds": info["audio_seconds"], "cpu_seconds": cpu, "wall_seconds": wall,
           "rtf_cpu": cpu / info["audio_seconds"], "rtf_wall": wall / info["audio_seconds"], "wer": wer,
           "two_at_once_wall": both, "two_at_once_audio": both_audio, "heard": " ".join(heard)}
    json.dump(res, open(os.path.join(a.out, "rtf.json"), "w"), indent=1)
    print(f"  RTF {res['rtf_cpu']:.3f} CPU-s per audio s (wall {res['rtf_wall']:.3f}), WER {100 * wer:.1f} %", flush=True)


def upload_and_wait(url, tok, path, auto, pid=None):
    cpu0 = benchlib.proc_cpu_seconds(pid) if pid else None
    with open(path, "rb") as f:
        s, _, b = benchlib.http("POST", f"{url}/api/v1/videos?visibility=PRIVATE&autoCaptions={'true' if auto else 'false'}"
                                f"&filename={os.path.basename(path)}", f,
                                {"Authorization": "Bearer " + tok, "Content-Type": "video/mp4",
                                 "Content-Length": str(os.path.getsize(path))})
    if s not in (200, 201):
        sys.exit(f"upload failed: {s} {b[:300]!r}")
    vid = json.loads(b)["id"]
    deadline = time.time() + 1800
    while time.time() < deadline:
        v = benchlib.get_json(f"{url}/api/v1/videos/{vid}", tok)
        if v["status"] in ("COMPLETED", "FAILED") and v.get("jobExecutionId"):
            job = benchlib.get_json(f"{url}/api/v1/jobs/{v['jobExecutionId']}", tok)
            if job["status"] in ("COMPLETED", "FAILED", "STOPPED"):
                steps = {st["name"]: benchlib.parse_time(st["end"]) - benchlib.parse_time(st["start"])
                         for st in job["steps"] if st.get("start") and st.get("end")}
                if auto and (v.get("autoCaptions") or {}).get("state") in ("REQUESTED", "QUEUED", "RUNNING"):
                    time.sleep(0.5)
                    continue
                return {"video": vid, "auto": auto, "status": job["status"],
                        "cpu_seconds": benchlib.proc_cpu_seconds(pid) - cpu0 if pid else None,
                        "job_seconds": benchlib.parse_time(job["end"]) - benchlib.parse_time(job["start"]),
                        "steps": steps, "autoCaptions": v.get("autoCaptions")}
        time.sleep(1.0)
    sys.exit(f"video {vid} did not finish")


def cmd_job(a):
    url = a.url.rstrip("/")
    tok = benchlib.token(url, a.password)
    # the warm-up: a fresh JVM compiles the upload, JPA and batch paths during its first jobs (see bench/encode)
    upload_and_wait(url, tok, os.path.join(a.out, "source-on.mp4"), False)
    runs = []
    for i in range(a.runs):
        for auto in ((False, True) if i % 2 == 0 else (True, False)):
            src = os.path.join(a.out, f"source-{'on' if auto else 'off'}.mp4")
            # every upload must be new bytes (the same bytes again are a duplicate): a copy with its own tag
            tagged = os.path.join(a.out, f"run-{i}-{'on' if auto else 'off'}.mp4")
            subprocess.run([a.ffmpeg, "-nostdin", "-v", "error", "-y", "-i", src, "-map", "0", "-c", "copy",
                            "-metadata", f"comment=run {i} {auto}", tagged], check=True)
            r = upload_and_wait(url, tok, tagged, auto, a.pid)
            runs.append(r)
            print(f"  run {i} captions {'on ' if auto else 'off'}: job {r['job_seconds']:.1f} s, {r['cpu_seconds']:.1f} CPU-s"
                  + (f", captions step {r['steps'].get('captions', 0):.1f} s" if auto else ""), flush=True)
    json.dump(runs, open(os.path.join(a.out, "jobs.json"), "w"), indent=1)


def cmd_report(a):
    rtf = json.load(open(os.path.join(a.out, "rtf.json")))
    runs = json.load(open(os.path.join(a.out, "jobs.json")))
    off = [r["job_seconds"] for r in runs if not r["auto"]]
    on = [r["job_seconds"] for r in runs if r["auto"]]
    step = [r["steps"].get("captions", 0) for r in runs if r["auto"]]
    server = [r["autoCaptions"] for r in runs if r["auto"] and r.get("autoCaptions")]
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")
    print(f"bench/captions  {time.strftime('%Y-%m-%d %H:%M:%S')}  nproc={os.cpu_count()}")
    print(f"speech: {rtf['audio_seconds']:.1f} s of festival cmu_us_slt_arctic_hts, 1280x720 test pattern")
    print(f"pocketsphinx real-time factor: {rtf['rtf_cpu']:.3f} CPU-s per audio s (wall {rtf['rtf_wall']:.3f}); "
          f"two chunks at once: {rtf['two_at_once_audio'] / rtf['two_at_once_wall']:.2f} audio s per wall s")
    print(f"word error rate: {100 * rtf['wer']:.1f} %")
    if server:
        rs = [s["recognizeSeconds"] / s["audioSeconds"] for s in server if s.get("recognizeSeconds") and s.get("audioSeconds")]
        print(f"in the server (the step, wall, beside thumbnails/report): {mean(rs):.3f} recognize s per audio s; "
              f"states {[s['state'] for s in server]}")
    print(f"job time, captions off: {', '.join(f'{x:.1f}' for x in off)} s (mean {mean(off):.1f})")
    print(f"job time, captions on:  {', '.join(f'{x:.1f}' for x in on)} s (mean {mean(on):.1f}); "
          f"captions step {', '.join(f'{x:.1f}' for x in step)} s")
    print(f"on / off: {mean(on) / mean(off):.2f}")
    cpu_off = [r["cpu_seconds"] for r in runs if not r["auto"]]
    cpu_on = [r["cpu_seconds"] for r in runs if r["auto"]]
    print(f"server CPU (JVM + its ffmpeg/pocketsphinx children) per job, off: {', '.join(f'{x:.1f}' for x in cpu_off)}"
          f" (mean {mean(cpu_off):.1f}); on: {', '.join(f'{x:.1f}' for x in cpu_on)} (mean {mean(cpu_on):.1f});"
          f" on / off: {mean(cpu_on) / mean(cpu_off):.2f}")


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("speech"); s.add_argument("--out", required=True); s.add_argument("--seconds", type=float, default=60)
    s.add_argument("--ffmpeg", required=True)
    r = sub.add_parser("rtf"); r.add_argument("--out", required=True)
    j = sub.add_parser("job"); j.add_argument("--out", required=True); j.add_argument("--url", required=True)
    j.add_argument("--password", required=True); j.add_argument("--runs", type=int, default=2)
    j.add_argument("--ffmpeg", required=True); j.add_argument("--pid", type=int, required=True)
    rep = sub.add_parser("report"); rep.add_argument("--out", required=True)
    a = p.parse_args()
    {"speech": cmd_speech, "rtf": cmd_rtf, "job": cmd_job, "report": cmd_report}[a.cmd](a)


if __name__ == "__main__":
    main()
