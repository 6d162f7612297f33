"""Reference data read from the dbt seeds, so Python and SQL share one source of truth."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from clusterfacts.config import seeds_dir


def read_seed(name: str, folder: Path | None = None) -> list[dict[str, str]]:
    path = (folder or seeds_dir()) / f"{name}.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True, eq=False)  # hashed by identity: cached per instance
class Reference:
    scale_words: dict[str, float]              # "billion" -> 1e9
    currencies: dict[str, tuple[str, str, float, bool]]  # "cents" -> ("USD", "after", 0.01, case-sensitive False)
    area_units: dict[str, float]               # "hectares" -> 10000
    count_nouns: dict[str, str]                # "enterprise" -> "enterprise_count"
    cluster_aliases: dict[str, str]            # "chip" -> "integrated_circuits"
    cluster_parents: dict[str, str]            # "hydrogen_energy" -> "advanced_energy"; none at the top
    geography_aliases: dict[str, str]          # "Minhang District" -> "Minhang"; names of one place only
    place_choices: dict[str, tuple[str, ...]]  # "Taizhou" -> ("Taizhou, Jiangsu", "Taizhou, Zhejiang")
    geography_levels: dict[str, str]
    geography_parents: dict[str, str]          # "Minhang" -> "Shanghai"; no entry at the top
    metric_cues: dict[str, str]                # "output value" -> "output_value"
    metric_kinds: dict[str, str]
    plan_periods: dict[str, tuple[int, int]]  # "14th" -> (2021, 2025)


@lru_cache(maxsize=4)
def load_reference(folder: Path | None = None) -> Reference:
    geographies = read_seed("geographies", folder)
    places_of: dict[str, list[str]] = {}
    for row in read_seed("geography_aliases", folder):
        places_of.setdefault(row["alias"], []).append(row["geography"])
    return Reference(
        scale_words={r["scale_word"]: float(r["multiplier"]) for r in read_seed("scale_words", folder)},
        currencies={r["alias"]: (r["currency_code"], r["position"], float(r["unit_factor"]),
                                 r["case_sensitive"] == "true")
                    for r in read_seed("currency_aliases", folder)},
        area_units={r["unit"]: float(r["square_metres"]) for r in read_seed("area_units", folder)},
        count_nouns={r["noun"]: r["metric"] for r in read_seed("count_nouns", folder)},
        cluster_aliases={r["alias"].lower(): r["cluster_id"] for r in read_seed("cluster_aliases", folder)},
        cluster_parents={r["cluster_id"]: r["parent_cluster_id"] for r in read_seed("clusters", folder)
                         if r["parent_cluster_id"]},
        geography_aliases={alias: places[0] for alias, places in places_of.items() if len(places) == 1},
        place_choices={alias: tuple(places) for alias, places in places_of.items() if len(places) > 1},
        geography_levels={r["geography"]: r["geography_level"] for r in geographies},
        geography_parents={r["geography"]: r["parent_geography"] for r in geographies if r["parent_geography"]},
        metric_cues={r["cue"].lower(): r["metric"] for r in read_seed("metric_cues", folder)},
        metric_kinds={r["metric"]: r["kind"] for r in read_seed("metrics", folder)},
        plan_periods={r["plan_name"].split()[0].lower(): (int(r["first_year"]), int(r["last_year"]))
                      for r in read_seed("plan_periods", folder)},
    )
