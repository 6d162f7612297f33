"""Benchmarks: figures printed, never asserted. `make bench` runs this.

Extraction throughput: the sample corpus repeated to at least 5 MB, extracted
article by article on one core, in characters per second.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from clusterfacts.extraction import extract_facts
from clusterfacts.layout import read_layout

REPO = Path(__file__).resolve().parent.parent
MIN_CHARS = 5_000_000


def sample_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "data" / "articles").glob("*.txt")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            texts.append(handle.read())
    return texts


def bench_extraction(min_chars: int) -> None:
    texts = sample_texts()
    corpus, total = [], 0
    while total < min_chars:
        for text in texts:
            corpus.append(text)
            total += len(text)
    extract_facts(texts[0], "warm-up", "warm-up")
    started = time.perf_counter()
    facts = 0
    for index, text in enumerate(corpus):
        facts += len(extract_facts(text, f"{index}.txt", str(index), read_layout(text)))
    seconds = time.perf_counter() - started
    print(f"extraction: {total / 1e6:.1f} MB in {len(corpus)} articles, {seconds:.2f} s on one core: "
          f"{total / seconds / 1e6:.2f} MB/s ({total / seconds:,.0f} chars/s), {facts / seconds:,.0f} facts/s "
          f"(target 2 MB/s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-chars", type=int, default=MIN_CHARS)
    args = parser.parse_args()
    bench_extraction(args.min_chars)


if __name__ == "__main__":
    main()
