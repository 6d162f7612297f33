"""A digest of the rows each article lands as, to tell a refactoring from a change of facts.

`analyse` turns a file into an article row, fact rows and mention rows. This script
digests them, file by file, over a fixed set of texts: the sample, its articles
mutated in deterministic ways (invisible characters, CRLF, a byte-order mark, an HTML
page, one article repeated), synthetic articles from scripts/make_corpus.py and, when
`../shared/devset` sits beside the repo, its real articles. tests/test_row_baseline.py
compares the digests with the committed ones in tests/baselines/rows.json.

A change that means to change facts (a new rule) rewrites the baseline, and says so in
its commit:

    python scripts/row_baseline.py --write
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "articles"
DEVSET = REPO.parent / "shared" / "devset" / "corpus"
BASELINE = REPO / "tests" / "baselines" / "rows.json"
SYNTHETIC = 300

sys.path.insert(0, str(REPO / "scripts"))


def _mutations(name: str, text: str) -> Iterator[tuple[str, bytes]]:
    """The sample article in the shapes real files take, each a case of its own."""
    yield f"{name}:crlf", text.replace("\n", "\r\n").encode()
    yield f"{name}:bom", b"\xef\xbb\xbf" + text.encode()
    yield f"{name}:zero-width", text.replace(" billion", "\u200b billion").replace("percent", "per\u00adcent").encode()
    yield f"{name}:nbsp", text.replace(" ", "\u00a0", 40).encode()
    title, *lines = [line for line in text.splitlines() if line.strip()]
    paragraphs = "".join(f"<p>{line}</p>\n" for line in lines)
    yield f"{name}:html", (f"<html><head><title>{title}</title></head><body><nav>Home | News</nav>"
                           f"<article><h1>{title}</h1>\n{paragraphs}</article>"
                           "<footer>Copyright</footer></body></html>").encode()
    yield f"{name}:twice", (text + "\n\n" + text.split("\n\n", 1)[-1]).encode()


def cases() -> Iterator[tuple[str, bytes]]:
    """(case name, file bytes) for every text the baseline covers."""
    from make_corpus import article

    for path in sorted(SAMPLE.glob("*.txt")):
        data = path.read_bytes()
        yield f"sample/{path.name}", data
        yield from _mutations(f"mutated/{path.name}", data.decode("utf-8-sig"))
    for index in range(SYNTHETIC):
        yield f"synthetic/{index:04d}", article(index, seed=7).encode()
    if DEVSET.is_dir():
        for path in sorted(DEVSET.glob("*.txt")):
            yield f"devset/{path.name}", path.read_bytes()


def _plain(value):
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def digest(name: str, data: bytes) -> str:
    """sha256 of one file's rows (or its rejection) as canonical JSON."""
    from clusterfacts.extract.pipeline import analyse

    result = analyse(name.replace(":", "_").replace("/", "_") + ".txt", data, seconds=60)
    rows = _plain(result)
    return hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def digests() -> dict[str, str]:
    return {name: digest(name, data) for name, data in cases()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"write {BASELINE.relative_to(REPO)}")
    args = parser.parse_args()
    found = digests()
    if args.write:
        if not DEVSET.is_dir():
            print(f"{DEVSET} is missing: the devset's digests would be lost; run beside ../shared", file=sys.stderr)
            return 2
        BASELINE.parent.mkdir(parents=True, exist_ok=True)
        BASELINE.write_text(json.dumps(found, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(found)} digests to {BASELINE.relative_to(REPO)}")
        return 0
    expected = json.loads(BASELINE.read_text(encoding="utf-8"))
    changed = sorted(name for name in found if expected.get(name) != found[name])
    print(f"{len(found) - len(changed)} of {len(found)} files give the rows of the baseline")
    for name in changed:
        print(f"changed: {name}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
