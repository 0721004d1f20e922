#!/usr/bin/env python3
"""Scores salvage's HTML extraction, and trafilatura's on the same pages, against a
WCXB-style ground truth, with the metrics of shared/design/quality.md:

- body: 4-word-shingle precision, recall and F1 (tokens are Unicode \\w+ runs, case kept;
  shingles are multisets; per page TP/FP/FN are divided by their sum; precision is the
  mean over pages with a non-empty prediction, recall the mean over pages with a non-empty
  truth, F1 the harmonic mean of the two means);
- title: exact match after whitespace normalisation;
- author: match where the truth has one (whitespace-normalised, case-insensitive);
- date: the prediction's YYYY-MM-DD equals the truth where the truth has one.

Scoring uses the standard library only; trafilatura is imported only when it is run.
Called by scripts/eval-extraction.sh, which builds salvage, converts the pages and sets
up the virtual environment.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import Counter

TOKEN = re.compile(r"\w+")


def shingles(text):
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


def body_scores(predicted, truth):
    """Per-page (precision, recall): None where the prediction or truth is empty."""
    pred, true = shingles(predicted), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum(pred.values()) - tp
    fn = sum(true.values()) - tp
    precision = tp / (tp + fp) if pred else None
    recall = tp / (tp + fn) if true else None
    return precision, recall


def normalise_space(text):
    return " ".join((text or "").split())


def title_match(predicted, truth):
    return normalise_space(predicted) == normalise_space(truth)


def author_match(predicted, truth):
    return normalise_space(predicted).casefold() == normalise_space(truth).casefold()


def date_match(predicted, truth):
    return (predicted or "")[:10] == truth


class Tally:
    """Running sums for one extractor."""

    def __init__(self, name):
        self.name = name
        self.precisions = []
        self.recalls = []
        self.titles = []
        self.authors = []
        self.dates = []
        self.empty = 0
        self.seconds = 0.0

    def add(self, page, truth):
        precision, recall = body_scores(page.get("body"), truth.get("main_content"))
        if precision is not None:
            self.precisions.append(precision)
        else:
            self.empty += 1
        if recall is not None:
            self.recalls.append(recall if precision is not None else 0.0)
        self.titles.append(title_match(page.get("title"), truth.get("title")))
        if truth.get("author"):
            self.authors.append(author_match(page.get("author"), truth["author"]))
        if truth.get("publish_date"):
            self.dates.append(date_match(page.get("date"), truth["publish_date"]))
        return precision, recall

    def figures(self):
        mean = lambda xs: sum(xs) / len(xs) if xs else 0.0
        precision, recall = mean(self.precisions), mean(self.recalls)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "title": mean(self.titles),
            "author": mean(self.authors),
            "date": mean(self.dates),
            "empty": self.empty,
            "authors_n": len(self.authors),
            "dates_n": len(self.dates),
        }


def salvage_pages(records_path):
    """Records by page id (the file name without .html), as the fields scored."""
    pages = {}
    with open(records_path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            page_id = os.path.basename(record["source_path"]).split(".")[0]
            body = "\n\n".join(p for p in [record.get("lead"), record.get("body")] if p)
            pages[page_id] = {
                "title": record.get("title"),
                "author": record.get("author"),
                "date": record.get("published"),
                "body": body,
            }
    return pages


def trafilatura_pages(pages_dir, ids, cache_dir=None):
    """trafilatura's fields for each page, and the seconds it spent. With `cache_dir`,
    answers are kept per trafilatura version and page SHA-256, with the seconds each page
    took, so a rerun on the same pages reports the same figures without rerunning it."""
    import hashlib

    import trafilatura

    cache, cache_path = {}, None
    if cache_dir:
        os.makedirs(cache_dir, exist_ok=True)
        cache_path = os.path.join(cache_dir, f"trafilatura-{trafilatura.__version__}.json")
        if os.path.exists(cache_path):
            with open(cache_path, encoding="utf-8") as f:
                cache = json.load(f)
    pages = {}
    total = 0.0
    for page_id in ids:
        with open(os.path.join(pages_dir, page_id + ".html"), "rb") as f:
            html = f.read()
        key = hashlib.sha256(html).hexdigest()
        if key in cache:
            pages[page_id], seconds = cache[key]["fields"], cache[key]["seconds"]
            total += seconds
            continue
        started = time.perf_counter()
        try:
            doc = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False
            )
        except Exception as error:  # a crash on one page scores as an empty answer
            print(f"trafilatura failed on {page_id}: {error}", file=sys.stderr)
            doc = None
        if doc is None:
            fields = {}
        else:
            if not isinstance(doc, dict):
                doc = doc.as_dict()
            fields = {
                "title": doc.get("title"),
                "author": doc.get("author"),
                "date": doc.get("date"),
                "body": doc.get("text"),
            }
        seconds = time.perf_counter() - started
        total += seconds
        pages[page_id] = fields
        cache[key] = {"fields": fields, "seconds": seconds}
    if cache_path:
        with open(cache_path, "w", encoding="utf-8") as f:
            json.dump(cache, f)
    return pages, total


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--truth", required=True, help="the ground-truth folder")
    parser.add_argument("--pages", required=True, help="the decompressed pages")
    parser.add_argument("--records", required=True, help="salvage's records.jsonl")
    parser.add_argument("--salvage-seconds", type=float, default=None)
    parser.add_argument("--skip-trafilatura", action="store_true")
    parser.add_argument("--details", help="write per-page scores here (TSV)")
    parser.add_argument("--cache", help="keep trafilatura's answers here between runs")
    args = parser.parse_args()

    truths = {}
    for name in sorted(os.listdir(args.truth)):
        if name.endswith(".json"):
            with open(os.path.join(args.truth, name), encoding="utf-8") as f:
                truths[name[: -len(".json")]] = json.load(f)["ground_truth"]
    ids = sorted(truths)

    runs = [("salvage", salvage_pages(args.records), args.salvage_seconds)]
    if not args.skip_trafilatura:
        traf, seconds = trafilatura_pages(args.pages, ids, args.cache)
        import trafilatura

        runs.append((f"trafilatura {trafilatura.__version__}", traf, seconds))

    details = []
    results = []
    for name, pages, seconds in runs:
        tally = Tally(name)
        for page_id in ids:
            page = pages.get(page_id, {})
            precision, recall = tally.add(page, truths[page_id])
            details.append((name, page_id, precision, recall, page, truths[page_id]))
        results.append((name, tally.figures(), seconds))

    print(f"\n{len(ids)} pages from {args.truth}")
    header = f"{'extractor':<20} {'body P':>7} {'body R':>7} {'body F1':>7} {'title':>6} {'author':>7} {'date':>6} {'empty':>6} {'seconds':>8}"
    print(header)
    print("-" * len(header))
    for name, f, seconds in results:
        secs = f"{seconds:.1f}" if seconds is not None else "-"
        print(
            f"{name:<20} {f['precision']:>7.3f} {f['recall']:>7.3f} {f['f1']:>7.3f} "
            f"{f['title']:>6.3f} {f['author']:>7.3f} {f['date']:>6.3f} {f['empty']:>6} {secs:>8}"
        )
    first = results[0][1]
    print(
        f"(author over the {first['authors_n']} pages whose truth names one, date over "
        f"the {first['dates_n']} that give one; empty = pages with no body extracted)"
    )

    if args.details:
        with open(args.details, "w", encoding="utf-8") as out:
            out.write("extractor\tpage\tprecision\trecall\ttitle_ok\tauthor\ttrue_author\tdate\ttrue_date\ttitle\ttrue_title\n")
            for name, page_id, precision, recall, page, truth in details:
                fmt = lambda x: "" if x is None else f"{x:.3f}"
                clean = lambda s: normalise_space(str(s or "")).replace("\t", " ")
                out.write(
                    "\t".join(
                        [
                            name.split()[0],
                            page_id,
                            fmt(precision),
                            fmt(recall),
                            str(title_match(page.get("title"), truth.get("title"))),
                            clean(page.get("author")),
                            clean(truth.get("author")),
                            clean(page.get("date"))[:10],
                            clean(truth.get("publish_date")),
                            clean(page.get("title")),
                            clean(truth.get("title")),
                        ]
                    )
                    + "\n"
                )


if __name__ == "__main__":
    main()
