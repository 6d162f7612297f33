"""Check the dbt project against the rules of dbt_project_evaluator, by reading dbt's manifest.

    python scripts/check_dbt_conventions.py [target/manifest.json]

The dbt_project_evaluator package cannot be fetched on these machines (it is a dbt hub
package), so its rules that a manifest can answer are read here: one line a rule, with the
models or sources that break it. It prints and exits 0; docs/dbt_conventions.md says how the
project stands and why. Run `make dbt` first so the manifest is current.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PREFIXES = {"staging": ("stg_",), "intermediate": ("int_",), "marts": ("dim_", "fct_", "rpt_")}
KEY_TESTS = {"unique", "not_null", "primary_key", "dbt_utils.unique_combination_of_columns"}


def layer(node: dict) -> str:
    return Path(node["original_file_path"]).parts[1]


DEPENDS_ON = re.compile(r"^\s*--\s*depends_on:\s*\{\{\s*ref\('(\w+)'\)\s*\}\}", re.M)


def _build_order_only(node: dict, sql: str, macros: dict) -> list[str]:
    """The `-- depends_on:` refs a model does not read.

    dbt documents the comment for a ref it cannot see when it parses: one in a branch it does
    not take then (`{% if is_incremental() %}`) or in a macro the model calls (a hook's).
    One naming a model read nowhere else only orders the build, which is what the rule forbids.
    """
    hooks = " ".join(hook["sql"] for kind in ("pre-hook", "post-hook") for hook in node["config"].get(kind, []))
    called = set(node["depends_on"]["macros"]) | {
        key for key, macro in macros.items() if re.search(rf"\b{macro['name']}\(", hooks)}
    read_elsewhere = DEPENDS_ON.sub("", sql) + "".join(macros[key]["macro_sql"] for key in called if key in macros)
    return [name for name in DEPENDS_ON.findall(sql)
            if not re.search(rf"ref\(\s*'{name}'\s*\)", read_elsewhere)]


def check(manifest: dict) -> list[tuple[str, list[str]]]:
    models = {key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"}
    tests = [node for node in manifest["nodes"].values() if node["resource_type"] == "test"]
    tested: dict[str, set[str]] = {}
    for test in tests:
        name = (test.get("test_metadata") or {}).get("name", "singular")
        # a test reading other models too (a relationship, the runs) tests the one it is attached to
        parents = [test["attached_node"]] if test.get("attached_node") else test["depends_on"]["nodes"]
        for parent in parents:
            tested.setdefault(parent, set()).add(name)
    rules: list[tuple[str, list[str]]] = []

    def rule(name: str, offenders) -> None:
        rules.append((name, sorted(offenders)))

    rule("fct_model_naming_conventions", [n["name"] for n in models.values()
                                          if not n["name"].startswith(PREFIXES.get(layer(n), ("",)))])
    rule("fct_source_directories", [s["name"] for s in manifest["sources"].values()
                                    if not s["original_file_path"].startswith("models/staging/")])
    rule("fct_model_directories (staging beside its source)",
         [n["name"] for n in models.values() if layer(n) == "staging"
          and not n["original_file_path"].startswith("models/staging/raw/")])
    rule("fct_direct_join_to_source / fct_marts_or_intermediate_dependent_on_source",
         [n["name"] for n in models.values() if layer(n) != "staging"
          and any(d.startswith("source.") for d in n["depends_on"]["nodes"])])
    rule("fct_staging_dependent_on_staging / on marts or intermediate",
         [n["name"] for n in models.values() if layer(n) == "staging"
          and any(d.startswith("model.") for d in n["depends_on"]["nodes"])])
    rule("fct_downstream_models_dependent_on_marts (intermediate reading a mart)",
         [n["name"] for n in models.values() if layer(n) == "intermediate"
          and any(layer(models[d]) == "marts" for d in n["depends_on"]["nodes"] if d in models)])
    rule("fct_missing_primary_key_tests (unique + not_null, a primary_key, grain or key_of_untested_rows test)",
         [n["name"] for key, n in models.items()
          if not ({"unique", "not_null"} <= tested.get(key, set())
                  or tested.get(key, set()) & {"primary_key", "grain", "key_of_untested_rows"})])
    rule("fct_undocumented_models", [n["name"] for n in models.values() if not n["description"].strip()])
    rule("fct_documentation_coverage (every column described)",
         [n["name"] for n in models.values() if any(not c["description"].strip() for c in n["columns"].values())])
    rule("fct_undocumented_source_tables", [s["name"] for s in manifest["sources"].values()
                                            if not s["description"].strip()])
    rule("fct_sources_without_freshness", [s["name"] for s in manifest["sources"].values()
                                           if not (s.get("freshness") or {}).get("warn_after", {}).get("count")])
    rule("fct_unused_sources", [s["name"] for key, s in manifest["sources"].items()
                                if not any(key in n["depends_on"]["nodes"] for n in models.values())])
    raw = {n["name"]: (REPO / n["original_file_path"]).read_text(encoding="utf-8") for n in models.values()}
    rule("no build-order comments (a -- depends_on: for a ref the model does not read)",
         [n["name"] for n in models.values() if _build_order_only(n, raw[n["name"]], manifest["macros"])])
    rule("no rowid reads across models", [name for name, sql in raw.items() if re.search(r"\browid\b", sql)])
    rule("fct_hard_coded_references (a schema.table instead of ref/source)",
         [name for name, sql in raw.items() if re.search(r"\b(?:raw|staging|intermediate|marts)\.[a-z_]+", sql)])
    return rules


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "target" / "manifest.json"
    if not path.exists():
        print(f"{path} is missing: run make dbt first", file=sys.stderr)
        return 2
    for name, offenders in check(json.loads(path.read_text(encoding="utf-8"))):
        print(f"{'ok  ' if not offenders else 'FAIL'} {name}" + (f": {', '.join(offenders)}" if offenders else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
