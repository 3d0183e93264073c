"""pad_mp4.py CLIP OUT SIZE_MB: a valid MP4 of exactly SIZE_MB MiB: the clip, then one 'free' box (64-bit size) of
random bytes, which demuxers skip (the random payload keeps the filesystem and cp from taking shortcuts)."""
import os
import struct
import sys

clip, out, size = sys.argv[1], sys.argv[2], int(sys.argv[3]) * 1048576
head = open(clip, "rb").read()
pad = size - len(head) - 16
if pad < 0:
    sys.exit(f"SIZE_MB too small for the {len(head)} byte clip")
with open(out, "wb") as f:
    f.write(head)
    f.write(struct.pack(">I4sQ", 1, b"free", pad + 16))
    while pad > 0:
        n = min(16 * 1048576, pad)
        f.write(os.urandom(n))
        pad -= n
