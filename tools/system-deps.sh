#!/usr/bin/env bash
# Check (and, as root on Debian, install) the system libraries the renderer needs:
#   libharfbuzz-subset0 - WeasyPrint subsets fonts with it; without it WeasyPrint falls
#                         back to fontTools, which is 6-10x slower at writing PDFs
#   libpango-1.0-0      - WeasyPrint's text layout
#   poppler-utils       - pdfinfo/pdftotext, used by the tests (with --test)
#   chromium            - makes the text scrapes of make eval (with --eval)
set -euo pipefail

need=()
# grep reads all of it (no -q): with pipefail, ldconfig killed by SIGPIPE would read as missing
has_lib() { ldconfig -p 2>/dev/null | grep "$1" >/dev/null; }
has_lib 'libharfbuzz-subset\.so\.0' || need+=(libharfbuzz-subset0)
has_lib 'libpango-1\.0\.so\.0' || need+=(libpango-1.0-0)
has_lib 'libpangoft2-1\.0\.so\.0' || need+=(libpangoft2-1.0-0)
if [ "${1:-}" = "--test" ]; then
  command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
fi
if [ "${1:-}" = "--eval" ]; then
  # make eval: Chromium makes the text scrapes (tools/make-text-scrapes.py)
  [ -x /usr/lib/chromium/chromium ] || need+=(chromium)
fi

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: missing: ${need[*]}" >&2
  echo "system-deps: install them (Debian/Ubuntu: sudo apt-get install ${need[*]})" >&2
  exit 2
fi
echo "system-deps: apt-get install ${need[*]}" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
