#!/usr/bin/env bash
# Times the release build of salvage on one 10 MB web page (issue 4: "a 10 MB page that
# finishes in well under a second per MB"), one core:
#   scripts/check-html-speed.sh [SECONDS]     (default bound: 5 s, half a second per MB)
# The page is generated here: a Vietnamese paper's layout (menu, `noidung` container,
# photo tables with caption rows, `tinkhac` link boxes) around 10 MB of paragraphs.
# Fails when the conversion takes longer than the bound, gives no record, or the record
# does not hold the page's headline and its text. Called by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bound=${1:-5}
cargo build --locked --release --quiet

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in"
python3 - "$work/in/big.html" <<'EOF'
import random
import sys

random.seed(4)
english = ("the council met on monday to discuss the budget for roads schools and "
           "hospitals while residents asked about water prices").split()
vietnamese = ("hội nghị đã thảo luận về ngân sách cho đường sá trường học và bệnh viện "
              "trong khi người dân hỏi về giá nước").split()
parts = ['<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
         '<title>Trang thử tốc độ - Báo Mẫu</title></head><body><nav><ul>']
parts += [f'<li><a href="/muc-{i}">Mục {i}</a></li>' for i in range(50)]
parts.append('</ul></nav><div class="noidung"><h1>Trang thử tốc độ mười megabyte</h1>')
size = sum(len(p.encode()) for p in parts)
i = 0
while size < 10 * 1024 * 1024:
    i += 1
    words = vietnamese if i % 2 else english
    piece = "<p>" + " ".join(random.choice(words) for _ in range(60)) + ".</p>"
    if i % 20 == 0:
        piece += (f'<table><tr><td><img src="anh-{i}.jpg"></td></tr>'
                  f'<tr><td><i>Ảnh minh họa số {i}</i></td></tr></table>')
    if i % 50 == 0:
        piece += '<div class="tinkhac"><ul>' + "".join(
            f'<li><a href="/tin-{i}-{j}">Tin khác số {j}</a></li>' for j in range(8)) + "</ul></div>"
    parts.append(piece)
    size += len(piece.encode())
parts.append("</div><footer>Bản quyền Báo Mẫu</footer></body></html>")
with open(sys.argv[1], "w", encoding="utf-8") as out:
    out.write("".join(parts))
EOF

bytes=$(wc -c < "$work/in/big.html")
start=$(date +%s.%N)
target/release/salvage convert "$work/in" -o "$work/out" --format jsonl --jobs 1 > /dev/null
end=$(date +%s.%N)
python3 - "$work/out/records.jsonl" "$bytes" "$start" "$end" "$bound" <<'EOF'
import json
import sys

records, size, start, end, bound = sys.argv[1:]
seconds = float(end) - float(start)
megabytes = int(size) / (1024 * 1024)
lines = open(records, encoding="utf-8").read().splitlines()
print(f"check-html-speed: {megabytes:.1f} MB page in {seconds:.2f} s "
      f"({seconds / megabytes:.3f} s per MB, bound {bound} s)")
assert len(lines) == 1, f"expected one record, got {len(lines)}"
record = json.loads(lines[0])
assert record["title"] == "Trang thử tốc độ mười megabyte", record["title"]
assert record["word_count"] > 1_000_000, record["word_count"]
assert "Tin khác" not in record["body"], "the link boxes are not article text"
assert seconds <= float(bound), f"{seconds:.2f} s is over the bound of {bound} s"
EOF
