#!/usr/bin/python3
"""Draws the logo of the second sample's invented society, Naturschutzverein
Auenwald e.V. (data/auenwald-chronik.xml): a green disc with a white leaf
over two blue waves (the river of the floodplain forest), transparent
around the disc. Writes an 8-bit RGBA PNG, so the PDF's soft mask for
alpha has a real picture to show.

Only the standard library (zlib, struct): no drawing package needed. The
output depends on nothing but this file (no time, no text chunks), so a
second run writes the same bytes as the committed data/photos/auenwald-logo.png.

    scripts/make-logo.py [OUT.png]     (default: data/photos/auenwald-logo.png)
"""

import math
import os
import struct
import sys
import zlib

SIZE = 480  # pixels square: 40 mm at 300 ppi
SUB = 4  # subsamples per pixel and axis, for smooth (antialiased) edges

GREEN = (46, 125, 50)
BLUE = (30, 136, 229)
LIGHT_BLUE = (144, 202, 249)
WHITE = (255, 255, 255)

# The leaf: a lens, where two discs of radius LEAF_R whose centres lie
# LEAF_D either side of its axis overlap (half length sqrt(R^2 - D^2) = 0.6,
# half width R - D = 0.28, in units of the disc's radius), turned 45 degrees.
LEAF_R = 0.7829
LEAF_D = 0.5029
LEAF_CENTRE = (0.0, -0.12)
LEAF_TURN = math.radians(45)  # tip up and to the right


def colour_at(x, y):
    """The colour at (x, y) (the disc's centre at 0, 0, radius 1, y down),
    or None outside the disc."""
    if x * x + y * y > 1.0:
        return None
    # Leaf-local coordinates: u along the axis (tip at +0.6), v across.
    dx, dy = x - LEAF_CENTRE[0], y - LEAF_CENTRE[1]
    c, s = math.cos(LEAF_TURN), math.sin(LEAF_TURN)
    u = dx * c - dy * s
    v = dx * s + dy * c
    in_leaf = (u * u + (v - LEAF_D) ** 2 < LEAF_R**2) and (u * u + (v + LEAF_D) ** 2 < LEAF_R**2)
    if in_leaf:
        # the midrib, thinning towards the tip
        if -0.62 < u < 0.42 and abs(v) < 0.022 * (1.0 - (u + 0.62) / 1.6):
            return GREEN
        return WHITE
    # the stalk, below the leaf's base
    if -0.78 < u <= -0.55 and abs(v) < 0.028:
        return WHITE
    # two waves across the lower part of the disc
    wave = 0.05 * math.sin(x * 7.0)
    if 0.50 + wave < y < 0.60 + wave:
        return BLUE
    if 0.68 - wave < y < 0.76 - wave:
        return LIGHT_BLUE
    return GREEN


def pixels():
    """Rows of RGBA bytes, each prefixed with PNG's filter byte."""
    rows = []
    step = 2.0 / (SIZE * SUB)
    for py in range(SIZE):
        row = bytearray([1])  # filter: Sub (each byte less the one a pixel left)
        raw = bytearray()
        for px in range(SIZE):
            r = g = b = inside = 0
            for sy in range(SUB):
                y = -1.0 + (py * SUB + sy + 0.5) * step
                for sx in range(SUB):
                    x = -1.0 + (px * SUB + sx + 0.5) * step
                    col = colour_at(x, y)
                    if col is not None:
                        inside += 1
                        r += col[0]
                        g += col[1]
                        b += col[2]
            if inside:
                # straight (not premultiplied) alpha, as PNG has it
                raw += bytes(
                    (
                        (r + inside // 2) // inside,
                        (g + inside // 2) // inside,
                        (b + inside // 2) // inside,
                        (255 * inside + SUB * SUB // 2) // (SUB * SUB),
                    )
                )
            else:
                raw += b"\0\0\0\0"
        for i, byte in enumerate(raw):
            row.append((byte - (raw[i - 4] if i >= 4 else 0)) & 0xFF)
        rows.append(bytes(row))
    return b"".join(rows)


def chunk(kind, data):
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png():
    header = struct.pack(">IIBBBBB", SIZE, SIZE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(pixels(), 9))
        + chunk(b"IEND", b"")
    )


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = (
        sys.argv[1]
        if len(sys.argv) > 1
        else os.path.join(here, "..", "data", "photos", "auenwald-logo.png")
    )
    data = png()
    with open(out, "wb") as f:
        f.write(data)
    print(f"{out}: {SIZE}x{SIZE} RGBA, {len(data)} bytes")


if __name__ == "__main__":
    main()
