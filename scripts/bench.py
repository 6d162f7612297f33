"""Benchmarks: figures printed, never asserted. `make bench` runs this.

- extraction: the sample corpus repeated to at least 5 MB, extracted on one core, in
  characters per second; quantulum3 on part of the same text in the same run, as a ratio.
- scale: N synthetic articles (scripts/make_corpus.py) for N = 10k and 100k (1M with
  --million): load time, dbt build time, articles/s, facts/s, peak RSS; then the daily
  case, 1,000 new articles loaded and built on top.
- replicated 1M (--replicated-million): the 100k warehouse's raw tables ten times over
  (scripts/replicate_warehouse.py), to time dbt at 1M without an hour of loading: the
  full build, then the daily case.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from clusterfacts import native
from clusterfacts.extract.pipeline import facts_of

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WORK = REPO / "bench"
MIN_CHARS = 5_000_000
QUANTULUM_CHARS = 150_000
EXTRACTION_PASSES = 3

sys.path.insert(0, str(REPO / "scripts"))
from make_corpus import generate  # noqa: E402
from replicate_warehouse import replicate  # noqa: E402


def sample_texts() -> list[str]:
    texts = []
    for path in sorted((REPO / "data" / "articles").glob("*.txt")):
        with open(path, encoding="utf-8-sig", newline="") as handle:
            texts.append(handle.read())
    return texts


def repeated(texts: list[str], min_chars: int) -> list[str]:
    corpus, total = [], 0
    while total < min_chars:
        for text in texts:
            corpus.append(text)
            total += len(text)
    return corpus


def ours_chars_per_second(corpus: list[str], passes: int = 1) -> tuple[list[float], int]:
    """Speed of each pass over corpus; shared machines vary from pass to pass, so several are shown."""
    facts_of(corpus[0], "warm-up", "warm-up")
    speeds = []
    for _ in range(passes):
        started = time.perf_counter()
        facts = sum(len(facts_of(text, f"{i}.txt", str(i))) for i, text in enumerate(corpus))
        speeds.append(sum(map(len, corpus)) / (time.perf_counter() - started))
    return speeds, facts


def quantulum_chars_per_second(corpus: list[str]) -> float | None:
    try:
        import warnings
        warnings.filterwarnings("ignore")
        from quantulum3 import parser
    except ImportError:
        return None
    parser.parse(corpus[0][:200])
    started = time.perf_counter()
    for text in corpus:
        parser.parse(text)
    return sum(map(len, corpus)) / (time.perf_counter() - started)


def bench_extraction(min_chars: int) -> None:
    corpus = repeated(sample_texts(), min_chars)
    total = sum(map(len, corpus))
    speeds, facts = ours_chars_per_second(corpus, EXTRACTION_PASSES)
    speed = max(speeds)
    print(f"extraction ({native.describe()}): "
          f"{total / 1e6:.1f} MB in {len(corpus)} articles on one core, best of {len(speeds)} passes: "
          f"{speed / 1e6:.2f} MB/s ({speed:,.0f} chars/s, {facts * speed / total:,.0f} facts/s; target 2 MB/s); "
          f"passes: {', '.join(f'{s / 1e6:.2f}' for s in speeds)} MB/s")
    part = repeated(sample_texts(), QUANTULUM_CHARS)
    ours_part = max(ours_chars_per_second(part)[0])
    theirs = quantulum_chars_per_second(part)
    if theirs is None:
        print("quantulum3: not installed (make bench installs requirements-bench.lock)")
    else:
        print(f"quantulum3 on the first {sum(map(len, part)) / 1e3:.0f} kB of the same text: "
              f"{theirs / 1e3:,.1f} kB/s; clusterfacts {ours_part / 1e3:,.1f} kB/s = "
              f"{ours_part / theirs:,.0f}x quantulum3 (target 50x)")


def bench_long_document(min_chars: int = 1_600_000) -> None:
    """One long document (a government plan, an annual report) against the same text as articles."""
    from clusterfacts.extract.pipeline import analyse

    texts = repeated(sample_texts(), min_chars)
    joined = "\n\n".join(texts).encode()
    apart = [text.encode() for text in texts]
    started = time.perf_counter()
    analyse("long.txt", joined)
    long_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for i, data in enumerate(apart):
        analyse(f"{i}.txt", data)
    apart_seconds = time.perf_counter() - started
    print(f"long document: {len(joined) / 1e6:.1f} MB in one file {long_seconds:.2f} s, as {len(apart)} files "
          f"{apart_seconds:.2f} s: {apart_seconds / long_seconds:.0%} of the split speed (target 70 %)")


def bench_dense_text(sizes_mb: tuple[float, ...] = (0.25, 1.0, 4.0)) -> None:
    """The hardest text per byte: news words and numbers with no full stop, at growing sizes."""
    from clusterfacts.extract.pipeline import analyse

    words = ("Taizhou has 2,500 IoT firms and 12 billion yuan of output in Jiangsu , up 8 percent by 2025 "
             "while Suzhou in Zhejiang will reach 30 percent and the zone 40 companies in 2023").split()
    rates = []
    for megabytes in sizes_mb:
        text = "Dense\n\n" + " ".join(words[i % len(words)] for i in range(int(megabytes * 1e6 / 6)))
        started = time.perf_counter()
        analyse("dense.txt", text.encode(), seconds=0)
        rates.append(f"{megabytes:g} MB {(time.perf_counter() - started) / megabytes:.2f} s/MB")
    print(f"dense text without full stops: {', '.join(rates)} (target: s/MB at the largest within 1.5x "
          "of the smallest)")


def run(command: list[str], env: dict) -> tuple[float, str]:
    started = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=REPO)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return seconds, result.stdout


def counts(database: Path) -> tuple[int, int]:
    import duckdb
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute("select (select count(*) from raw.articles), (select count(*) from raw.facts)").fetchone()
    finally:
        conn.close()


def daily_corpus(n: int) -> Path:
    daily = WORK / f"daily_{n}"
    if not daily.exists():
        generate(daily, 1000, seed=n + 17)
    return daily


def commands(database: Path, workers: int) -> tuple[list[str], list[str], dict]:
    """The load and dbt build commands for a bench warehouse, and their environment."""
    env = {**os.environ, "CLUSTERFACTS_DB": str(database), "DBT_PROFILES_DIR": str(REPO)}
    load = [str(BIN / "clusterfacts"), "load", "--database", str(database), "--quiet", "--skip-validation",
            "--workers", str(workers)]
    dbt = [str(BIN / "dbt"), "build", "--quiet", "--exclude-resource-type", "unit_test",
           "--target-path", str(database.parent / "target")]
    return load, dbt, env


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def bench_scale(n: int, workers: int) -> None:
    corpus = WORK / f"corpus_{n}"
    if not (corpus / f"{n - 1:07d}.txt").exists():
        generate(corpus, n, seed=1)
    daily = daily_corpus(n)
    database = WORK / f"scale_{n}" / "warehouse.duckdb"
    shutil.rmtree(database.parent, ignore_errors=True)
    database.parent.mkdir(parents=True)
    load, dbt, env = commands(database, workers)

    load_seconds, _ = run(load + [str(corpus)], env)
    articles, facts = counts(database)
    dbt_seconds, _ = run(dbt, env)
    rss_mb = peak_rss_mb()
    print(f"scale N={n:,}: load {load_seconds:.1f} s ({n / load_seconds:,.0f} files/s, "
          f"{facts / load_seconds:,.0f} facts/s; {articles:,} articles, {facts:,} facts), "
          f"dbt build {dbt_seconds:.1f} s, total {load_seconds + dbt_seconds:.1f} s, "
          f"peak RSS of any process so far {rss_mb:,.0f} MB")
    daily_load, _ = run(load + [str(daily)], env)
    daily_dbt, _ = run(dbt, env)
    print(f"  daily: 1,000 new articles into {articles:,}: load {daily_load:.1f} s, dbt build {daily_dbt:.1f} s, "
          f"total {daily_load + daily_dbt:.1f} s (target 30 s at 1M)")


def bench_replicated_million(workers: int) -> None:
    source = WORK / "scale_100000" / "warehouse.duckdb"
    if not source.exists():
        print("replicated 1M: needs the 100k run first (--sizes 100000)")
        return
    database = WORK / "replica_1000000" / "warehouse.duckdb"
    shutil.rmtree(database.parent, ignore_errors=True)
    database.parent.mkdir(parents=True)
    started = time.perf_counter()
    articles, facts = replicate(source, database, copies=10)
    print(f"replicated 1M: {articles:,} articles, {facts:,} facts written in {time.perf_counter() - started:.0f} s")
    load, dbt, env = commands(database, workers)
    dbt_seconds, _ = run(dbt, env)
    print(f"  full dbt build {dbt_seconds:.1f} s, peak RSS of any process so far {peak_rss_mb():,.0f} MB")
    daily_load, _ = run(load + [str(daily_corpus(1_000_000))], env)
    daily_dbt, _ = run(dbt, env)
    print(f"  daily: 1,000 new articles into {articles:,}: load {daily_load:.1f} s, dbt build {daily_dbt:.1f} s, "
          f"total {daily_load + daily_dbt:.1f} s (target 30 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-chars", type=int, default=MIN_CHARS, help="extraction benchmark size")
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000], help="scale runs")
    parser.add_argument("--million", action="store_true", help="add the 1,000,000-article run")
    parser.add_argument("--replicated-million", action="store_true",
                        help="time dbt on the 100k warehouse replicated to 1M articles (after the 100k run)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--extraction-only", action="store_true")
    parser.add_argument("--skip-extraction", action="store_true", help="scale runs only")
    args = parser.parse_args()
    if not args.skip_extraction:
        bench_extraction(args.min_chars)
        bench_long_document()
        bench_dense_text()
    if args.extraction_only:
        return
    for n in args.sizes + ([1_000_000] if args.million else []):
        bench_scale(n, args.workers)
    if args.replicated_million:
        bench_replicated_million(args.workers)


if __name__ == "__main__":
    main()
