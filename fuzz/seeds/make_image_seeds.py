#!/usr/bin/env python3
"""Writes the small, valid image seeds for the `jpeg` and `png` fuzz targets into jpeg/ and png/.

Each seed is 60 x 90 px (or 90 x 60, turned by its EXIF orientation), the proportions of the
`jpeg` and `png` targets' KDP 6 x 9 in front panel, so that mutated files that still decode go
on to be placed. Each exercises another path: JPEG greyscale, RGB 4:2:0 and 4:4:4, progressive,
Adobe CMYK (ImageMagick writes it as YCCK), a JFIF density, an ICC profile, and
EXIF orientations 3, 6 and 8; PNG greyscale, grey with alpha, RGB, RGBA, palette, 16-bit,
interlaced, a pHYs density and an iCCP profile.

Needs ImageMagick's `convert` (Debian: imagemagick). Run from this folder:
`python3 make_image_seeds.py`.
"""
import os
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
# Not sRGB: ImageMagick writes an sRGB profile as PNG's sRGB chunk rather than iCCP.
ICC = "/usr/share/color/icc/compatibleWithAdobeRGB1998.icc"  # Debian: icc-profiles-free
# No creation or modification dates, so that the seeds come out the same each time.
NO_DATES = ["-define", "png:exclude-chunks=date,time,tEXt,zTXt"]


def convert(out, *args, size="60x90"):
    subprocess.run(["convert", "-size", size, "gradient:red-blue", *args, out], check=True)


def exif(orientation):
    """An APP1 EXIF segment (little-endian TIFF) recording only the orientation."""
    tiff = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", 1)
    tiff += struct.pack("<HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack("<I", 0)
    body = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def with_exif(path, orientation):
    data = open(path, "rb").read()
    open(path, "wb").write(data[:2] + exif(orientation) + data[2:])


def with_iccp(path, profile):
    """Inserts an iCCP chunk after IHDR (ImageMagick leaves it out of these files)."""
    data = open(path, "rb").read()
    body = b"iCCP" + b"icc\0\0" + zlib.compress(open(profile, "rb").read())
    chunk = struct.pack(">I", len(body) - 4) + body + struct.pack(">I", zlib.crc32(body))
    end = 8 + 12 + struct.unpack(">I", data[8:12])[0]
    open(path, "wb").write(data[:end] + chunk + data[end:])


def main():
    jpeg = os.path.join(HERE, "jpeg")
    png = os.path.join(HERE, "png")
    os.makedirs(jpeg, exist_ok=True)
    os.makedirs(png, exist_ok=True)
    j = lambda name: os.path.join(jpeg, name)
    p = lambda name: os.path.join(png, name)

    convert(j("rgb-420.jpg"), "-quality", "85")
    convert(j("rgb-444.jpg"), "-quality", "85", "-sampling-factor", "4:4:4")
    convert(j("grey.jpg"), "-colorspace", "Gray", "-quality", "85")
    convert(j("progressive.jpg"), "-interlace", "Plane", "-quality", "85")
    convert(j("cmyk-adobe.jpg"), "-colorspace", "CMYK", "-quality", "85")
    convert(j("density-300.jpg"), "-density", "300", "-units", "PixelsPerInch")
    if os.path.exists(ICC):
        convert(j("icc.jpg"), "-profile", ICC, "-quality", "85")
    for orientation in (3, 6, 8):
        size = "90x60" if orientation in (6, 8) else "60x90"
        name = j(f"exif-{orientation}.jpg")
        convert(name, "-quality", "85", size=size)
        with_exif(name, orientation)

    convert("PNG24:" + p("rgb.png"), *NO_DATES)
    convert(p("grey.png"), "-colorspace", "Gray", "-define", "png:color-type=0", *NO_DATES)
    convert(p("grey-alpha.png"), "-colorspace", "Gray", "-alpha", "set", "-channel", "A",
            "-evaluate", "set", "50%", "+channel", "-define", "png:color-type=4", *NO_DATES)
    convert("PNG32:" + p("rgba.png"), "-alpha", "set", "-channel", "A", "-evaluate", "set",
            "50%", "+channel", *NO_DATES)
    convert("PNG8:" + p("palette.png"), "-colors", "16", *NO_DATES)
    convert("PNG48:" + p("rgb-16.png"), "-depth", "16", *NO_DATES)
    convert("PNG24:" + p("interlaced.png"), "-interlace", "PNG", *NO_DATES)
    convert("PNG24:" + p("density-300.png"), "-density", "300", "-units", "PixelsPerInch",
            *NO_DATES)
    if os.path.exists(ICC):
        convert("PNG24:" + p("icc.png"), *NO_DATES)
        with_iccp(p("icc.png"), ICC)

if __name__ == "__main__":
    main()
