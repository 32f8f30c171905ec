#!/bin/sh
# Makes DejaVuSans-Latin.ttf, the font spine text is set in when no font is given, from DejaVu
# Sans as Debian ships it. Run from this folder: sh make-subset.sh
#
#   source:  DejaVu Sans 2.37, Debian package fonts-dejavu-core 2.37-6
#            (/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; apt-get install fonts-dejavu-core)
#   tool:    pyftsubset from fontTools 4.68.0 (PyPI; pip install fonttools==4.68.0)
#   licence: LICENSE-DejaVu.txt beside this script (the Bitstream Vera licence; DejaVu's
#            changes are in the public domain)
#
# Kept: Basic Latin, Latin-1 Supplement, Latin Extended-A, and the punctuation and signs a
# title or an imprint uses (dashes, quotes, bullet, ellipsis, per mille, guillemets, euro,
# trade mark); kerning; every name record (the copyright and licence notices). Dropped:
# hinting, which print does not use.
set -eu
source=${1:-/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf}
pyftsubset "$source" \
  --unicodes='U+0020-007E,U+00A0-017F,U+0192,U+02C6,U+02C7,U+02D8-02DD,U+2013,U+2014,U+2018-201E,U+2020-2022,U+2026,U+2030,U+2039,U+203A,U+20AC,U+2122' \
  --layout-features='kern' \
  --no-hinting \
  --name-IDs='*' --name-languages='*' --name-legacy \
  --output-file=DejaVuSans-Latin.ttf
