#!/bin/sh
# Make sure Debian's gdal-bin (ogrinfo) is there: the export tests read every GIS export back with it, as well
# as with pyogrio. Without it those ogrinfo checks are skipped (the pyogrio checks still run).
set -eu
if command -v ogrinfo >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's gdal-bin for the export tests (apt-get)…"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gdal-bin >/dev/null
  exit 0
fi
echo "The export tests also read the GIS exports back with ogrinfo. Install it with:" >&2
echo "    sudo apt-get install gdal-bin" >&2
echo "Without it those checks are skipped (pyogrio still reads every export back)." >&2
exit 0
