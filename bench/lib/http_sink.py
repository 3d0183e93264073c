"""A second baseline for bench/upload: the same bytes, in the same PATCHes, over HTTP to a trivial receiver.

    http_sink.py --src FILE --chunk-mb N --dir DIR --out F.json

The receiver (a child process) appends each PATCH body to one file and fdatasyncs it before answering 204, as Kinora
does, but nothing else: no tus, no authentication, no SHA-256, no framework. The client is the one bench/upload uses
for Kinora (benchlib.patch_file: one PATCH per CHUNK_MB, sent with sendfile). What Kinora adds over this is what Kinora costs; the rest is what HTTP over
loopback and the disk cost on this machine.
"""
import argparse, json, os, socket, subprocess, sys, time, urllib.request

from benchlib import patch_file

BUF = 1 << 20


def serve(port, path):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(4)
    print("ready", flush=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    buf = bytearray(BUF)
    view = memoryview(buf)
    while True:
        conn, _ = srv.accept()
        with conn:
            rest = b""
            while True:  # keep-alive: one request after the other
                head = rest
                while b"\r\n\r\n" not in head:
                    chunk = conn.recv(65536)
                    if not chunk:
                        break
                    head += chunk
                if b"\r\n\r\n" not in head:
                    break
                head, rest = head.split(b"\r\n\r\n", 1)
                lines = head.decode("latin-1").split("\r\n")
                if lines[0].startswith("GET /quit"):
                    conn.sendall(b"HTTP/1.1 204 No Content\r\n\r\n")
                    return
                length = next((int(l.split(":", 1)[1]) for l in lines[1:] if l.lower().startswith("content-length:")), 0)
                if rest:  # the body's first bytes came with the headers
                    first, rest = rest[:length], rest[length:]
                    os.write(fd, first)
                    length -= len(first)
                while length > 0:
                    n = conn.recv_into(view, min(BUF, length))
                    if n == 0:
                        return
                    os.write(fd, view[:n])
                    length -= n
                os.fdatasync(fd)
                conn.sendall(b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--serve", type=int)
    p.add_argument("--file")
    p.add_argument("--src")
    p.add_argument("--chunk-mb", type=int, default=64)
    p.add_argument("--dir")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--out")
    a = p.parse_args()
    if a.serve:
        serve(a.serve, a.file)
        return
    port = a.port or 20000 + os.getpid() % 20000
    target = os.path.join(a.dir, "sink.bin")
    child = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--file", target], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        url = f"http://127.0.0.1:{port}/upload"
        size, chunk = os.path.getsize(a.src), a.chunk_mb * 1048576
        me0 = time.process_time()
        t0 = time.perf_counter()
        offset = 0
        with open(a.src, "rb") as f:
            while offset < size:
                n = min(chunk, size - offset)
                s, _, _ = patch_file(url, {"Content-Type": "application/offset+octet-stream", "Upload-Offset": str(offset)},
                                     f, offset, n)
                if s != 204:
                    sys.exit(f"sink answered {s}")
                offset += n
        wall = time.perf_counter() - t0
        client_cpu = time.process_time() - me0
        with open(f"/proc/{child.pid}/stat") as st:
            fields = st.read().rsplit(")", 1)[1].split()
        server_cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        urllib.request.urlopen(f"http://127.0.0.1:{port}/quit", timeout=10).read()
    finally:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.terminate()
            child.wait()
    if os.path.getsize(target) != size:
        sys.exit(f"sink wrote {os.path.getsize(target)} bytes, not {size}")
    os.remove(target)
    res = {"bytes": size, "wall_s": round(wall, 3), "mib_per_s": round(size / 1048576 / wall, 1),
           "server_cpu_s_per_gib": round(server_cpu / (size / 1073741824), 2),
           "client_cpu_s_per_gib": round(client_cpu / (size / 1073741824), 2)}
    with open(a.out, "a") as f:
        f.write(json.dumps(res) + "\n")
    print(f"  http sink: {wall:.2f} s = {res['mib_per_s']} MiB/s", flush=True)


if __name__ == "__main__":
    main()
