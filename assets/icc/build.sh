#!/bin/sh
# Rebuilds tr003-ink236.icc, the CMYK output profile podcover converts colour art to, from
# Debian's packages only:
#
#   apt-get install argyll icc-profiles-free
#
# (argyll brings argyll-ref). Built with argyll 2.3.1+repack-1.1 and icc-profiles-free
# 2.0.1+dfsg-1.1 (Debian 12); other versions may give other bytes. See README.md for what the
# options mean and for the data's licence.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
data=/usr/share/color/icc/TR003.ti3
srgb=/usr/share/color/icc/sRGB.icc
for f in "$data" "$srgb"; do
    [ -r "$f" ] || { echo "missing $f: apt-get install argyll icc-profiles-free" >&2; exit 1; }
done
command -v colprof >/dev/null || { echo "missing colprof: apt-get install argyll" >&2; exit 1; }
dpkg-query -W argyll icc-profiles-free 2>/dev/null || true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$data" "$work/tr003.ti3"

# -ql -bm       A2B (CMYK to Lab) grid 5^4, B2A (Lab to CMYK) grid 17^3: small, and the B2A
#               grid is what RGB art is converted through
# -kr           black generation: K ramps from none at white to full at black
# -l236 -L96    total ink 236% and black 96%: every 8-bit pixel converted through the profile
#               stays within 240% after rounding
# -nc           do not embed the 1617 measurements in the profile
# -s sRGB.icc   perceptual table gamut-mapped from sRGB, the space of untagged art
colprof -ql -bm -kr -l236 -L96 -nc -s "$srgb" \
    -D "CGATS TR 003 (SWOP grade 3 coated), total ink 236%" \
    -C "Characterization data: ANSI CGATS/SWOP TR 003-2007, (c) 2007 NPES. Free to distribute." \
    "$work/tr003" >"$work/colprof.log"

# colprof stamps the current date into the header (bytes 24-35: year, month, day, hour, minute,
# second, each a big-endian u16); a fixed date makes the build reproducible.
printf '\007\352\000\001\000\001\000\000\000\000\000\000' |
    dd of="$work/tr003.icc" bs=1 seek=24 conv=notrunc 2>/dev/null

cp "$work/tr003.icc" "$here/tr003-ink236.icc"
sha256sum "$here/tr003-ink236.icc"
