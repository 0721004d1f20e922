#!/usr/bin/env bash
# Looks at report.html the way a person does. Called by scripts/test.sh; runs on its own.
#   1. converts input/ into a fresh temporary folder with the release build;
#   2. opens that folder's report.html in headless Chromium (Debian's `chromium`, installed
#      here when missing: apt-get update once, apt-get install -y chromium), started on the
#      local file only, with a fresh profile, no network services, and a 120 s time limit;
#      Chromium takes the screenshot and exits by itself;
#   3. checks the PNG (scripts/check-report-png.py, Python's standard library): the right
#      size, many colours, and more than one colour in the chart area;
#   4. keeps the PNG at docs/report.png, the screenshot the README shows.
set -euo pipefail
cd "$(dirname "$0")/.."

WIDTH=1000
HEIGHT=2600

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'test-report-browser: FAIL: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

if ! command -v chromium >/dev/null 2>&1; then
    step "installing Debian's chromium"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
    $SUDO apt-get update -qq >"$WORK/apt.log" 2>&1 || { tail -n 20 "$WORK/apt.log" >&2; fail "apt-get update"; }
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >>"$WORK/apt.log" 2>&1 \
        || { tail -n 20 "$WORK/apt.log" >&2; fail "apt-get install chromium"; }
fi

step "salvage convert input/ (release build)"
cargo build --locked --release --quiet
target/release/salvage convert input -o "$WORK/out" >"$WORK/summary.json"
[ -s "$WORK/out/report.html" ] || fail "no report.html in the output folder"

step "headless Chromium screenshot of report.html ($(chromium --version 2>/dev/null || echo chromium))"
if ! timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
    --hide-scrollbars --force-device-scale-factor=1 --user-data-dir="$WORK/profile" \
    --window-size="$WIDTH,$HEIGHT" --screenshot="$WORK/report.png" \
    "file://$WORK/out/report.html" >"$WORK/chromium.log" 2>&1; then
    tail -n 20 "$WORK/chromium.log" >&2
    fail "chromium did not take the screenshot (exit status above, 124 = timed out)"
fi
[ -s "$WORK/report.png" ] || fail "chromium wrote no screenshot"

step "the screenshot shows a page with charts"
python3 scripts/check-report-png.py "$WORK/report.png" "$WIDTH" "$HEIGHT"

mkdir -p docs
cp "$WORK/report.png" docs/report.png
echo "test-report-browser: screenshot kept at docs/report.png"
