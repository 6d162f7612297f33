"""Great Expectations checks on each batch of extracted facts, before it lands.

A batch that fails is not dropped: its facts go to raw.quarantined_facts with the
reasons, and every expectation's result is kept in raw.fact_validations. On request
the run's results are also rendered as Data Docs beside the warehouse file; otherwise
the suite runs in memory and writes no file.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pyarrow as pa

from clusterfacts.extract.quantities import LARGEST_VALUE

# GX would otherwise report usage over the network, which these machines cannot reach.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

SUITE_NAME = "raw_facts"
KINDS = ["money", "percent", "count", "area"]
QUALIFIERS = ["exact", "approximate", "more_than", "at_least", "less_than", "at_most", "range"]


class ExpectationResult(NamedTuple):
    """One expectation over one batch: a row of raw.fact_validations, less the batch's columns."""

    expectation: str
    column_name: str | None
    passed: bool
    unexpected_count: int | None
    unexpected_fact_ids: list[str]
    details: str  # the expectation's arguments as JSON


@dataclass
class BatchValidation:
    success: bool
    results: list[ExpectationResult] = field(default_factory=list)
    reasons_by_fact: dict[str, list[str]] = field(default_factory=dict)


def _expectations(metrics: list[str]):
    import great_expectations.expectations as gxe
    from great_expectations.expectations.row_conditions import Column

    return [
        gxe.ExpectColumnValuesToNotBeNull(column="fact_id"),
        gxe.ExpectColumnValuesToBeUnique(column="fact_id"),
        gxe.ExpectColumnValuesToNotBeNull(column="value"),
        gxe.ExpectColumnValuesToBeInSet(column="kind", value_set=KINDS),
        gxe.ExpectColumnValuesToBeInSet(column="qualifier", value_set=QUALIFIERS),
        gxe.ExpectColumnValuesToBeInSet(column="metric", value_set=metrics),
        gxe.ExpectColumnValuesToNotBeNull(column="unit"),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=0, max_value=100,
                                          row_condition=Column("metric") == "output_share"),
        gxe.ExpectColumnValuesToBeBetween(column="value", min_value=0, max_value=LARGEST_VALUE,
                                          row_condition=Column("kind") != "percent"),
        gxe.ExpectColumnPairValuesAToBeGreaterThanB(column_A="char_end", column_B="char_start"),
        gxe.ExpectColumnValuesToBeBetween(column="target_year", min_value=1949, max_value=2100),
        gxe.ExpectColumnValuesToBeBetween(column="year", min_value=1949, max_value=2100),
    ]


@lru_cache(maxsize=4)
def _context(docs_root: str | None, metrics: tuple[str, ...]):
    """The suite, in a context kept in memory, or in files under docs_root for Data Docs."""
    import great_expectations as gx

    if docs_root is None:
        context = gx.get_context(mode="ephemeral")
    else:
        context = gx.get_context(mode="file", project_root_dir=docs_root)
    context.variables.progress_bars = {"globally": False}
    suite = gx.ExpectationSuite(name=SUITE_NAME, expectations=_expectations(list(metrics)))
    suite = context.suites.add_or_update(suite)
    source = context.data_sources.add_or_update_pandas("extracted_facts")
    asset = next((a for a in source.assets if a.name == "batch"), None) or source.add_dataframe_asset("batch")
    definition = next((d for d in asset.batch_definitions if d.name == "whole"), None) \
        or asset.add_batch_definition_whole_dataframe("whole")
    validation = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name="raw_facts_batch", data=definition, suite=suite))
    return context, validation


def forget_stored_results(docs_root: Path) -> None:
    """Drop the stored results and rendered pages of earlier runs, so Data Docs show one run:
    GX re-rendered every result ever stored, each run slower than the last, and kept them all."""
    for stored in ("uncommitted/validations", "uncommitted/data_docs"):
        shutil.rmtree(docs_root / "gx" / stored, ignore_errors=True)


def validate_facts(facts: pa.Table, docs_root: Path | None, metrics: list[str]) -> BatchValidation:
    """Run the suite over a batch of fact rows; with docs_root, results are stored there for Data Docs."""
    if not facts.num_rows:
        return BatchValidation(success=True)
    frame = facts.to_pandas()  # the years, integers with nulls in Arrow, arrive as floats with NaN
    _, validation = _context(str(docs_root) if docs_root else None, tuple(sorted(metrics)))
    run = validation.run(batch_parameters={"dataframe": frame}, result_format="COMPLETE")
    outcome = BatchValidation(success=bool(run.success))
    for validation_run in (run,):
        for result in validation_run.results:
            config = result.expectation_config
            indexes = result.result.get("unexpected_index_list") or []
            fact_ids = [frame["fact_id"].iloc[i] for i in indexes if isinstance(i, int) and i < len(frame)]
            description = _describe(config)
            outcome.results.append(ExpectationResult(
                expectation=config.type, column_name=config.kwargs.get("column") or config.kwargs.get("column_A"),
                passed=bool(result.success), unexpected_count=result.result.get("unexpected_count"),
                unexpected_fact_ids=fact_ids,
                details=json.dumps({k: v for k, v in config.kwargs.items() if k != "batch_id"}, default=str),
            ))
            for fact_id in fact_ids:
                outcome.reasons_by_fact.setdefault(fact_id, []).append(description)
    return outcome


def build_data_docs(docs_root: Path, metrics: list[str]) -> Path | None:
    """Render the run's validation results, stored under docs_root, as Data Docs; returns the index page."""
    context, _ = _context(str(docs_root), tuple(sorted(metrics)))
    sites = context.build_data_docs()
    index = next(iter(sites.values()), None) if sites else None
    return Path(index.removeprefix("file://")) if index else None


def _describe(config) -> str:
    kwargs = {k: v for k, v in config.kwargs.items() if k not in ("batch_id", "condition_parser")}
    return f"{config.type}({', '.join(f'{k}={v}' for k, v in kwargs.items())})"
