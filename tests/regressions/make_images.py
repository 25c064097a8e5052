#!/usr/bin/env python3
"""Writes the image files of tests/regressions/ (run it from anywhere; the
files are committed, this says how they were made). Each is a PNG or JPEG
that broke or fooled chronik before the hardening (see README.md here).

usage: make_images.py
"""
import os
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SMALL_JPEG = os.path.join(HERE, "..", "images", "small.jpg")


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png(width, height, depth=8, colour=2, interlace=0, raw=None, idat=None, extra=b"",
        palette=None, transparency=None) -> bytes:
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    rowbytes = (width * channels * depth + 7) // 8
    if raw is None:
        raw = b"".join(b"\x00" + bytes((x * 7 + y * 3) % 256 for x in range(rowbytes))
                       for y in range(height))
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, depth,
                                                            colour, 0, 0, interlace))
    out += extra
    if palette is not None:
        out += chunk(b"PLTE", palette)
    if transparency is not None:
        out += chunk(b"tRNS", transparency)
    out += chunk(b"IDAT", zlib.compress(raw) if idat is None else idat)
    return out + chunk(b"IEND", b"")


def adam7(width, height, channels=3):
    """Raw data of an interlaced 8-bit image: the seven passes' rows."""
    raw = b""
    for x0, y0, dx, dy in [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4),
                           (1, 0, 2, 2), (0, 1, 1, 2)]:
        cols, rows = (width - x0 + dx - 1) // dx, (height - y0 + dy - 1) // dy
        if cols > 0 and rows > 0:
            raw += (b"\x00" + b"\x80" * (channels * cols)) * rows
    return raw


def main() -> int:
    files = {
        # libpng errors that aborted chronik inside libharu (PDF):
        "png-corrupt-deflate.png": png(16, 16, idat=b"\x78\x9c" + b"\xff" * 40),
        "png-short-data.png": png(16, 16, raw=b"\x00" * 20),
        "png-bad-header.png": png(16, 16, depth=4, colour=2),
        "png-cut-in-data.png": png(16, 16)[:60],
        "png-few-pixels-big-claim.png": png(6000, 6000, raw=b"\x00" * 10),
        # a chunk whose checksum is wrong
        "png-bad-checksum.png": png(16, 16).replace(b"IEND\xaeB`\x82", b"IEND\x00\x00\x00\x00"),
        # a colour profile libpng warns about: libharu failed on the warning
        "png-profile-warning.png": png(16, 16, extra=chunk(
            b"iCCP", b"x\x00\x00" + zlib.compress(b"not a profile" * 8))),
        # 4-bit palette with transparency: libharu read past its row buffer
        "png-palette4-transparent.png": png(64, 64, depth=4, colour=3,
                                            palette=bytes(range(48)), transparency=b"\x00\x80"),
        # RGB with a transparent colour: libharu dereferenced a null pointer
        "png-rgb-colour-key.png": png(16, 16, transparency=b"\x00\x00\x00\x07\x00\x0e"),
        # interlaced: libharu failed with "libharu error 0x1043"
        "png-interlaced.png": png(16, 16, interlace=1, raw=adam7(16, 16)),
        # more than 40 million pixels claimed by a tiny file
        "png-too-many-pixels.png": png(10000, 5000, raw=b"\x00", idat=zlib.compress(b"\x00")),
    }
    # not a finding: a picture as tall as half a page, for the page limit test
    files["tall.png"] = png(1, 2000, colour=0)
    jpeg = open(SMALL_JPEG, "rb").read()
    files["jpeg-cut-in-data.jpg"] = jpeg[: len(jpeg) - 200]
    # a lossless (SOF3) frame header, which PDF viewers cannot show
    files["jpeg-lossless.jpg"] = jpeg.replace(b"\xff\xc0", b"\xff\xc3", 1)
    for name, data in files.items():
        with open(os.path.join(HERE, name), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
