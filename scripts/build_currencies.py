"""Build seeds/currency_aliases.csv from CLDR (through babel) and seeds/curated_currency_aliases.csv.

    python scripts/build_currencies.py [--check]

Source: the Unicode CLDR, as babel ships it (Unicode licence). For every currency that
is legal tender in some territory today, CLDR's English names, singular and plural,
stand after an amount ("Swiss francs", "Japanese yen"), its ISO 4217 code before or
after one ("GBP 350", "350 GBP", "EUR1bn"), and its English symbol before one where
the symbol is not just the code ("£", "€", "₩", "HK$"). A code is matched in capitals
only, since many codes are words (ALL, TOP, CUP), except the codes in COMMON_CODES,
which news also writes in lower case ("20 usd").

The curated seed holds what CLDR's English does not say the way Chinese news does: ¥
as CNY, yuan and RMB, bare "pounds", "yen", "francs", "dollars" (US dollars), prefixed
dollars (C$, Mex$, S$), and sub-units with their factor (cents, pence, fen). A curated
alias replaces CLDR's.

--check exits 1 when the committed seed differs from what this script writes.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
TARGET = SEEDS / "currency_aliases.csv"
FIELDS = ["alias", "currency_code", "position", "unit_factor", "case_sensitive"]
COMMON_CODES = ("AUD", "CAD", "CHF", "CNY", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "SGD", "TWD", "USD")


def cldr_rows() -> list[dict]:
    from babel import Locale, numbers

    english = Locale("en")
    codes: set[str] = set()
    for territory in english.territories:
        codes.update(numbers.get_territory_currencies(territory, tender=True))
    rows = []
    for code in sorted(codes):
        common = code in COMMON_CODES
        rows.append({"alias": code.lower(), "currency_code": code, "position": "either", "unit_factor": "1",
                     "case_sensitive": "false" if common else "true"})
        for count in (1, 2):
            name = numbers.get_currency_name(code, count, locale="en")
            if name and name.upper() != code:
                rows.append({"alias": name.lower(), "currency_code": code, "position": "after", "unit_factor": "1",
                             "case_sensitive": "false"})
        symbol = english.currency_symbols.get(code)
        if symbol and symbol != code and not symbol.isalpha() and " " not in symbol and "\u202f" not in symbol:
            rows.append({"alias": symbol.lower(), "currency_code": code, "position": "before", "unit_factor": "1",
                         "case_sensitive": "false"})
    return rows


def build() -> str:
    with open(SEEDS / "curated_currency_aliases.csv", encoding="utf-8", newline="") as handle:
        curated = list(csv.DictReader(handle))
    by_alias: dict[str, dict] = {}
    for row in cldr_rows():
        by_alias.setdefault(row["alias"], row)  # a name two currencies share keeps the first code's
    for row in curated:
        by_alias[row["alias"]] = row
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(sorted(by_alias.values(), key=lambda r: (r["currency_code"], r["alias"])))
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed seed differs")
    args = parser.parse_args()
    text = build()
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"stale: {TARGET}; run python scripts/build_currencies.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"{text.count(chr(10)) - 1} currency aliases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
