#!/usr/bin/env python3
"""Writes the small, valid PDF seeds for the `interior` and `artwork` fuzz targets into pdf/.

Hand-built so each one exercises a different path: 6x9 in artwork panels (the size the
`artwork` target's KDP 6x9 layout wants, so compose reaches the object copier), compressed and
multi-stream contents, inherited attributes, indirect box values, an image and a font, an
incremental update, and interiors with and without a TrimBox. Run from this folder:
`python3 make_pdf_seeds.py` (qpdf, when installed, adds object-stream / xref-stream variants).
"""
import os
import shutil
import subprocess
import zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pdf")


def build(objects, root=1, extra_trailer=b""):
    """objects: list of bytes bodies for objects 1..n. Returns a classic-xref PDF."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, root, extra_trailer, xref)
    return bytes(out)


def stream(data, dict_extra=b"", compress=False):
    if compress:
        data = zlib.compress(data)
        dict_extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(data), dict_extra) + data + b"\nendstream"


PANEL_CONTENT = (b"q 0.8 0.2 0.2 rg 0 0 450 666 re f Q\n"
                 b"q /GS1 gs 100 0 0 100 50 50 cm /Im1 Do Q\n"
                 b"BT /F1 24 Tf 60 400 Td (Harbor Lights) Tj ET\n")
IMAGE = stream(bytes([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]),
               b" /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceRGB"
               b" /BitsPerComponent 8")


def predicted_stream(data):
    # One PNG-predicted row (filter byte 0 = None) of len(data) columns, then Flate.
    z = zlib.compress(b"\x00" + data)
    return (b"<< /Length %d /Filter /FlateDecode /DecodeParms << /Predictor 12 /Colors 1"
            b" /BitsPerComponent 8 /Columns %d >> >>\nstream\n" % (len(z), len(data))
            + z + b"\nendstream")


def panel(compress=False, multi=False, predictor=False):
    contents = b"4 0 R"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        None,
        stream(PANEL_CONTENT, compress=compress),
        b"<< /Font << /F1 6 0 R >> /XObject << /Im1 7 0 R >> /ExtGState << /GS1 8 0 R >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        IMAGE,
        b"<< /Type /ExtGState /ca 0.5 >>",
    ]
    if multi:
        extra = b"0 0 1 rg 10 10 20 20 re f"
        objs.append(predicted_stream(extra) if predictor else stream(extra, compress=True))
        contents = b"[4 0 R 9 0 R]"
    objs[2] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 450 666] /TrimBox [9 9 441 657]"
               b" /BleedBox [0 0 450 666] /Resources 5 0 R /Contents " + contents +
               b" /Group << /S /Transparency /CS /DeviceRGB >> >>")
    return build(objs)


def panel_inherited():
    # MediaBox, Resources and Rotate on the Pages node; the TrimBox's numbers are indirect.
    return build([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /MediaBox [0 0 450 666] /Rotate 0"
        b" /Resources << /ProcSet [/PDF] >> >>",
        b"<< /Type /Page /Parent 2 0 R /TrimBox [9 9 5 0 R 6 0 R] /Contents 4 0 R >>",
        stream(b"0 g 0 0 450 666 re f"),
        b"441",
        b"657",
    ])


def interior(pages, media, trim=None):
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages)]
    for _ in range(pages):
        box = b" /TrimBox [%s]" % b" ".join(b"%g" % v for v in trim) if trim else b""
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g]%s >>" % (
            media[0], media[1], box))
    return build(objs)


def incremental(base):
    # Appends an update that replaces the page with a rotated-by-360 copy, with /Prev.
    prev = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    out = bytearray(base)
    off = len(out)
    out += (b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 450 666] /TrimBox [9 9 441"
            b" 657] /Rotate 360 /Contents 4 0 R /Resources 5 0 R >>\nendobj\n")
    xref = len(out)
    out += b"xref\n3 1\n%010d 00000 n \ntrailer\n<< /Size 9 /Root 1 0 R /Prev %d >>\n" % (off, prev)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "panel.pdf": panel(),
        "panel-flate.pdf": panel(compress=True),
        "panel-multi.pdf": panel(multi=True),
        "panel-multi-predictor.pdf": panel(multi=True, predictor=True),
        "panel-inherited.pdf": panel_inherited(),
        "panel-incremental.pdf": incremental(panel()),
        "interior-3p-trimbox.pdf": interior(3, (441, 666), (4.5, 9, 436.5, 657)),
        "interior-1p-bleed.pdf": interior(1, (441, 666)),
        "interior-5p.pdf": interior(5, (432, 648)),
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    if shutil.which("qpdf"):
        for name in ("panel-multi.pdf", "interior-3p-trimbox.pdf"):
            src = os.path.join(OUT, name)
            dst = os.path.join(OUT, name.replace(".pdf", "-objstm.pdf"))
            subprocess.run(["qpdf", "--object-streams=generate", "--compress-streams=y",
                            src, dst], check=False)
    print("\n".join(sorted(os.listdir(OUT))))


if __name__ == "__main__":
    main()
