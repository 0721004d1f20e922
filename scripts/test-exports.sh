#!/usr/bin/env bash
# Proves salvage's exports with the tools people load and check them with, none of which
# salvage wrote. Called by scripts/test.sh; runs on its own too. Installs what it needs:
#   - a Python venv in .venv/ with bagit, bdbag, frictionless and duckdb (pinned below);
#   - PostgreSQL from Debian when no /usr/lib/postgresql/*/bin/initdb exists.
# Converts input/ plus a hostile corpus (Vietnamese, quotes, commas, newlines, `%` and a
# newline in file names, a reject) made in a temporary folder, then checks:
#   1. bagit.py --validate on every unzipped bundle, bdbag --validate full on every zip,
#      salvage verify on both; frictionless validate on every datapackage.json;
#   2. DuckDB read_csv / COPY into `salvage schema --sql duckdb` / read_json / read_parquet
#      and PostgreSQL (started here on 127.0.0.1:55432, stopped by its pid) \copy into
#      `salvage schema --sql postgres`: every field of every record equals the JSONL's;
#   3. a bundle with one payload byte changed: bagit.py, bdbag and salvage verify all
#      say invalid.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

PINS=(bagit==1.9.0 bdbag==1.8.0 "frictionless[json]==5.21.0" duckdb==2.0.1)
PG_PORT=55432

step() { printf '\n==> %s\n' "$*" >&2; }
fail() { printf 'test-exports: FAIL: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d)
PGDIR=""
stop_postgres() {
    if [ -n "$PGDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
        local pid
        pid=$(head -n 1 "$PGDIR/data/postmaster.pid")
        kill -INT "$pid" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
}
cleanup() {
    stop_postgres
    rm -rf "$WORK"
    if [ -n "$PGDIR" ]; then rm -rf "$PGDIR"; fi
}
trap cleanup EXIT
# An interrupted or killed run still stops PostgreSQL: turn the signal into an exit.
trap 'exit 130' INT
trap 'exit 143' TERM

# Runs a command line, keeping its chatter in a log that is shown only when it fails.
quiet() {
    local log="$WORK/last.log"
    if ! "$@" >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        fail "$*"
    fi
}
# Runs a command line that must fail (exit non-zero): a check that catches damage.
must_fail() {
    if "$@" >"$WORK/last.log" 2>&1; then
        tail -n 20 "$WORK/last.log" >&2
        fail "expected to fail, but passed: $*"
    fi
}

step "Python tools in .venv: ${PINS[*]}"
[ -x .venv/bin/python ] || python3 -m venv .venv
quiet .venv/bin/pip install --disable-pip-version-check -q "${PINS[@]}"
PY=$ROOT/.venv/bin/python
export PATH="$ROOT/.venv/bin:$PATH"

step "release build"
cargo build --locked --release --quiet
SALVAGE=$ROOT/target/release/salvage

step "corpus: input/ plus hostile documents, in $WORK/corpus"
mkdir -p "$WORK/corpus/hostile/sub dir"
cp -R input "$WORK/corpus/input"
"$PY" - "$WORK/corpus/hostile" <<'PYTHON'
import pathlib, sys
d = pathlib.Path(sys.argv[1])
(d / 'Tin 100% "nóng", mới.txt').write_text(
    'Thứ hai, 03/02/2014\n\nTiêu đề có "ngoặc kép", dấu phẩy; và \\ gạch chéo\n\n'
    '(QNO) – Sáng 2/2, tỉnh tổ chức lễ hội "Xuân 2014", với 1,000 người.\n\n'
    '=SUM(A1) là công thức; "trích dẫn" và \'nháy đơn\', dấu phẩy,\ttab ở giữa.\n\n'
    'Đoạn thứ hai: C:\\Program Files\\ và %PATH%.\n\nNGUYỄN VĂN AN\n', 'utf-8')
(d / 'dòng\nmới.txt').write_bytes(
    ('Ông "Ba" nói: "Không, không!"\r\n\r\nTTO - Ngày 5/6/2019, "chuyện lạ", ở Hà Nội, Việt Nam.\r\n\r\n'
     'Dòng một\r\ndòng hai "có ngoặc", và dấu phẩy.\r\n\r\n@mention và +84 số; -âm bản; ""; "".\r\n\r\n'
     'Theo Báo Tuổi Trẻ\r\n').encode('utf-8'))
(d / 'sub dir' / 'ăn "quả".text').write_text(
    'Thứ 7, 14/02/2015\n\nNgười trồng "cam, quýt" ở Hà Giang\n\n'
    'Tối 14-2-2015, chợ phiên mở cửa.\n\nKhách nói: "Rẻ, ngon, sạch".\n\nBà con vui mừng.\n\nMinh Anh (TTXVN)\n', 'utf-8')
(d / 'empty.txt').write_bytes(b'')
PYTHON

OUT=$WORK/out
step "salvage convert (all formats, originals kept)"
"$SALVAGE" convert "$WORK/corpus" -o "$OUT" --format jsonl,csv,parquet,bundle --keep-originals \
    --organization "Thư viện tỉnh Lạng Sơn" --license CC0-1.0 --source "Báo Lạng Sơn" >"$WORK/summary.json"
cat "$WORK/summary.json"
OUT_YEAR=$WORK/out-year
"$SALVAGE" convert "$WORK/corpus" -o "$OUT_YEAR" --format bundle --bundle-by year --keep-originals >/dev/null
OUT_SOURCE=$WORK/out-source
"$SALVAGE" convert "$WORK/corpus" -o "$OUT_SOURCE" --format bundle --bundle-by source >/dev/null

step "bundles: bagit.py, bdbag, salvage verify, frictionless"
bundles=0
for zip in "$OUT"/salvage-*.zip "$OUT_YEAR"/salvage-*.zip "$OUT_SOURCE"/salvage-*.zip; do
    name=$(basename "$zip" .zip)
    dest="$WORK/unzipped/$(basename "$(dirname "$zip")")"
    mkdir -p "$dest"
    (cd "$dest" && unzip -q "$zip")
    [ "$(ls "$dest" | grep -c "^$name\$")" = 1 ] || fail "$zip: no single folder $name"
    quiet bagit.py --validate "$dest/$name"
    quiet bdbag --validate full "$zip"
    quiet "$SALVAGE" verify "$zip" "$dest/$name"
    (cd "$dest/$name/data" && quiet frictionless validate datapackage.json)
    echo "valid for bagit.py, bdbag, salvage verify and frictionless: $(basename "$(dirname "$zip")")/$name.zip"
    bundles=$((bundles + 1))
done
[ "$bundles" -ge 4 ] || fail "expected at least 4 bundles, checked $bundles"

step "warehouses: DuckDB and PostgreSQL load every field of every record"
initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$initdb" ]; then
    step "installing PostgreSQL from Debian"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    initdb=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
fi
PGBIN=$(dirname "$initdb")
PGDIR=$(mktemp -d)
as_postgres() {
    if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
[ "$(id -u)" != 0 ] || chown postgres:postgres "$PGDIR"
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then
    fail "something already answers on 127.0.0.1:$PG_PORT (a PostgreSQL left by a killed run?)"
fi
quiet as_postgres "$PGBIN/initdb -D $PGDIR/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8"
quiet as_postgres "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -o '-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PGDIR' -w start"
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=postgres
export PATH="$PGBIN:$PATH"
"$PY" scripts/check-warehouses.py "$OUT" "$SALVAGE" --postgres
stop_postgres

step "a changed payload byte: bagit.py, bdbag and salvage verify all say invalid"
zip=$(ls "$OUT"/salvage-*.zip | head -n 1)
name=$(basename "$zip" .zip)
broken=$WORK/broken
mkdir -p "$broken"
(cd "$broken" && unzip -q "$zip")
"$PY" - "$broken/$name/data/records.csv" <<'PYTHON'
import pathlib, sys
p = pathlib.Path(sys.argv[1]); b = bytearray(p.read_bytes()); b[len(b) // 2] ^= 0x01; p.write_bytes(bytes(b))
PYTHON
"$PY" - "$broken" "$name" "$broken/$name.zip" <<'PYTHON'
import pathlib, sys, zipfile
root, name, out = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted((root / name).rglob("*")):
        if f.is_file():
            z.write(f, f.relative_to(root).as_posix())
PYTHON
must_fail bagit.py --validate "$broken/$name"
echo "bagit.py --validate: invalid ($(grep -o 'Bag validation failed.*' "$WORK/last.log" | head -c 160))"
must_fail bdbag --validate full "$broken/$name.zip"
echo "bdbag --validate full: invalid"
for target in "$broken/$name" "$broken/$name.zip"; do
    set +e
    "$SALVAGE" verify "$target" >"$WORK/verify.json" 2>"$WORK/verify.err"
    code=$?
    set -e
    [ "$code" = 65 ] || fail "salvage verify $target exited $code, expected 65"
    grep -q "records.csv" "$WORK/verify.err" || fail "salvage verify did not name records.csv"
    echo "salvage verify $(basename "$target"): exit 65, $(grep -m1 'records.csv' "$WORK/verify.err" | sed 's/^ *//' | head -c 120)"
done
# A byte changed inside the zip itself (in an entry's compressed data).
cp "$zip" "$broken/raw.zip"
"$PY" - "$broken/raw.zip" <<'PYTHON'
import sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    info = next(i for i in z.infolist() if i.filename.endswith("data/records.jsonl"))
data = bytearray(open(path, "rb").read())
start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
data[start + info.compress_size // 2] ^= 0x01
open(path, "wb").write(bytes(data))
PYTHON
must_fail bdbag --validate full "$broken/raw.zip"
set +e
"$SALVAGE" verify "$broken/raw.zip" >/dev/null 2>"$WORK/verify.err"
code=$?
set -e
[ "$code" = 65 ] || fail "salvage verify of a zip with a changed byte exited $code, expected 65"
echo "zip with a changed compressed byte: bdbag invalid, salvage verify exit 65"

echo
echo "test-exports: all export checks passed"
