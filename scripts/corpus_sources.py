"""Clean Vietnamese text for scripts/make-corpus: titles, leads, body paragraphs, captions.

Reads, once, the clean UTF-8 NFC samples in the shared data folder (binhvq news sentences
and titles, DANeS headlines and leads) when it is there, else the repository's copies in
tests/data/vn-clean/, and always the articles of input/ (title, lead and body paragraphs of
each dump). Refuses nothing it can read; text it cannot read is skipped. Pools are lists so
that a seeded random.Random picks the same text on every machine.
"""

import glob
import json
import os
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_SAMPLES = os.path.join(os.path.dirname(ROOT), "shared", "data", "vn-samples")
DATELINE = re.compile(r"^(\(?[A-ZĐa-z.]{2,16}\)?\s*[-–]\s*)")
HTML_TAG = re.compile(r"<[^>]+>")


def nfc(text):
    return unicodedata.normalize("NFC", text.replace("\u200b", "").strip())


class Pools:
    """titles, leads (without a dateline), paragraphs (in article order), bylines, places."""

    def __init__(self, samples=None):
        samples = samples or SHARED_SAMPLES
        self.titles, self.leads, self.paragraphs = [], [], []
        if os.path.isdir(samples):
            self._read_shared(samples)
        else:
            self._read_repo_copies()
        self._read_input_dumps()
        self.titles = [t for t in dict.fromkeys(self.titles) if 10 <= len(t) <= 120 and len(t.split()) <= 20]
        self.leads = [t for t in dict.fromkeys(self.leads) if 60 <= len(t) <= 600]
        self.paragraphs = [p for p in self.paragraphs if len(p) >= 40]
        if not (self.titles and self.leads and self.paragraphs):
            raise SystemExit(f"make-corpus: no clean text found under {samples} or tests/data")

    def _read_shared(self, samples):
        binhvq = os.path.join(samples, "binhvq")
        titles = set()
        path = os.path.join(binhvq, "demo-title.txt")
        if os.path.exists(path):
            titles = {nfc(t) for t in open(path, encoding="utf-8")}
            self.titles.extend(sorted(titles))
        path = os.path.join(binhvq, "demo-full.txt")
        if os.path.exists(path):
            # One sentence a line; an article starts at its title line.
            self.paragraphs.extend(
                nfc(line) for line in open(path, encoding="utf-8") if nfc(line) not in titles
            )
        for path in sorted(glob.glob(os.path.join(samples, "danes", "*.json"))):
            for item in json.load(open(path, encoding="utf-8")):
                self.titles.append(nfc(item.get("text", "")))
                lead = nfc(item.get("meta", {}).get("description", ""))
                if lead and not HTML_TAG.search(lead) and "http" not in lead:
                    self.leads.append(DATELINE.sub("", lead))

    def _read_repo_copies(self):
        clean = os.path.join(ROOT, "tests", "data", "vn-clean")
        for line in open(os.path.join(clean, "danes-leads.txt"), encoding="utf-8"):
            self.leads.append(DATELINE.sub("", nfc(line)))
        for line in open(os.path.join(clean, "binhvq-paragraphs.txt"), encoding="utf-8"):
            text = nfc(line)
            (self.titles if len(text) < 90 else self.paragraphs).append(text)

    def _read_input_dumps(self):
        for path in sorted(glob.glob(os.path.join(ROOT, "input", "*.txt"))):
            text = nfc(open(path, encoding="utf-8-sig").read().replace("\r\n", "\n"))
            blocks = [b.replace("\n", " ").strip() for b in re.split(r"\n\s*\n", text)]
            blocks = [b for b in blocks if b]
            if blocks and blocks[0].startswith(("Thứ", "Chủ nhật")):
                blocks = blocks[1:]
            if len(blocks) < 4:
                continue
            self.titles.append(blocks[0])
            self.leads.append(DATELINE.sub("", blocks[1]))
            self.paragraphs.extend(blocks[2:-1])
