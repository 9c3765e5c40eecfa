#!/bin/sh
# Make sure Debian's Chromium is there for the browser tests (Playwright cannot download browsers here).
set -eu
CHROMIUM="${VETA_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests (apt-get)…"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
  exit 0
fi
echo "The browser tests need Debian's Chromium at $CHROMIUM. Install it with:" >&2
echo "    sudo apt-get install chromium" >&2
echo "(or set VETA_CHROMIUM to another Chromium binary). Without it the browser tests are skipped," >&2
echo "and under CI=true they fail." >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
exit 0
