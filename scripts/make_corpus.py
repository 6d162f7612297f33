"""A deterministic generator of synthetic articles in the genre of the sample corpus.

For scale and robustness runs only: correctness is measured on real text (the
gold set). The same N and seed always give the same files. About one article in
twenty is an exact duplicate and one in twenty a trimmed copy of an earlier one;
some carry a date line, some page furniture around the story.

    python scripts/make_corpus.py OUT_DIR N [--seed S]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

SCALES = [("million", 1e6), ("billion", 1e9), ("trillion", 1e12)]
QUALIFIERS = ["", "nearly ", "about ", "over ", "more than ", "around ", "exceeding ", "at least "]
COMPANY_STEMS = ["Huaxin", "Zhongke", "Lingyun", "Haitong", "Xinda", "Ruijin", "Tianma", "Jinqiao", "Baolong",
                 "Hengrui", "Anxin", "Shenlan", "Yuanwang", "Qiming", "Dongfang", "Kaixin"]
COMPANY_SUFFIXES = ["Technology Co., Ltd.", "Pharmaceutical Group", "Holding", "Biologics", "Electric Co.",
                    "Robotics Corporation", "Semiconductor Co., Ltd."]
COUNT_NOUNS = ["companies", "enterprises", "projects", "hospitals", "industrial parks", "innovation platforms",
               "listed companies", "specialized SMEs"]
FURNITURE_HEAD = ["Government News\n\nCity News\n\n", "Home | Business | Industry\n\n", ""]
FURNITURE_TAIL = ["\n\nSource: Shanghai Daily\n\nSign in\n\nFree sign-up | Forgot password\n\nQ: Where can I read more?\n",
                  "\n\nComments\n", "\n\nSpecial Reports\n", ""]


def _seed_column(name: str, column: str, where=None) -> list[str]:
    with open(REPO / "seeds" / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle) if where is None or where(row)]


PLACES = _seed_column("geographies", "geography", lambda r: r["geography_level"] in ("district", "zone"))
CLUSTERS = ["biomedicine", "integrated circuit", "new energy vehicle", "aerospace", "artificial intelligence",
            "low-altitude economy", "high-end equipment", "new materials", "embodied intelligence", "hydrogen energy"]


def _amount(rng: random.Random) -> str:
    scale, _ = rng.choice(SCALES[:2])
    number = rng.choice([f"{rng.randint(2, 950)}", f"{rng.randint(1, 99)}.{rng.randint(1, 9)}",
                         f"{rng.randint(1, 9)},{rng.randint(100, 999)}"])
    currency = rng.choice(["yuan", "yuan", "yuan", "RMB"])
    if rng.random() < 0.15:
        return f"US${number} {scale}"
    return f"{number} {scale} {currency}"


def _paragraphs(rng: random.Random, year: int) -> list[str]:
    place, other = rng.sample(PLACES, 2)
    cluster, second = rng.sample(CLUSTERS, 2)
    company = f"{rng.choice(COMPANY_STEMS)} {rng.choice(COMPANY_SUFFIXES)}"
    q = lambda: rng.choice(QUALIFIERS)  # noqa: E731
    return [
        f"{place} is accelerating the growth of its {cluster} cluster of {rng.randint(20, 900)} firms, paving the way "
        f"for {rng.choice(['two', 'three', 'four', 'five'])} new industrial growth points.",
        f"Last year, the output value of the {cluster} industry in {place} reached {q()}{_amount(rng)}, "
        f"accounting for {q()}{rng.randint(5, 60)} percent of Shanghai's total.",
        f"The district is home to {q()}{rng.randint(12, 3000):,} {rng.choice(COUNT_NOUNS)} and "
        f"{rng.randint(2, 90)} research institutes, according to {company}.",
        f"{company}, a leading {second} company, signed a contract worth {q()}{_amount(rng)} in {other} "
        f"in the first half of this year.",
        f"The company operates a {rng.randint(2, 90) * 100:,}-square-meter facility and plans to invest "
        f"{_amount(rng)} by {year + rng.randint(1, 5)}.",
        f"Under the {rng.choice(['14th', '15th'])} Five-Year Plan, {place} aims to build {rng.randint(2, 12)} "
        f"{second} industrial parks with {rng.randint(3, 80)} laboratories and lift the cluster's scale to the "
        f"trillion-yuan level.",
        f"Growth in the {second} sector reached {rng.randint(3, 40)}.{rng.randint(0, 9)} percent year-on-year, "
        f"while {rng.randint(3, 40)} projects with a total investment of {_amount(rng)} broke ground.",
    ]


def article(index: int, seed: int = 0) -> str:
    rng = random.Random(seed * 1_000_003 + index)
    year = rng.randint(2021, 2025)
    paragraphs = _paragraphs(rng, year)
    rng.shuffle(paragraphs)
    title = f"{paragraphs[0].split(',')[0].split(' is ')[0]} bets on new industries"
    dated = rng.random() < 0.5
    head = rng.choice(FURNITURE_HEAD)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    first = f"{title}   {date}" if dated else title
    return head + first + "\n\n" + "\n\n".join(paragraphs[:rng.randint(4, 7)]) + rng.choice(FURNITURE_TAIL) + "\n"


def generate(out_dir: Path, n: int, seed: int = 0) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        rng = random.Random(seed * 7_919 + index)
        roll = rng.random()
        if index > 20 and roll < 0.05:
            text = article(rng.randrange(index), seed)                       # an exact duplicate
        elif index > 20 and roll < 0.10:
            lines = article(rng.randrange(index), seed).split("\n\n")
            text = "\n\n".join(lines[:max(3, len(lines) - 2)]) + "\n"       # a trimmed copy
        else:
            text = article(index, seed)
        path = out_dir / f"{index:07d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.out_dir, args.n, args.seed)
    print(f"{args.n} articles in {args.out_dir}")


if __name__ == "__main__":
    main()
