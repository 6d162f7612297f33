"""A static site an analyst opens to look at the warehouse: `clusterfacts report [DIR]`.

One page, DIR/index.html, built from the marts: per cluster and place the latest reported
figure and the latest target, each with the sentence that states it and a link to it in its
article; targets by the year they are due; facts per cluster and place; figures over the
years where several years are known; and what the last build's tests and checks said. Each
article a figure comes from gets a page, DIR/articles/ID.html, with its text and every fact
in it marked, so a link lands on the words. Plain HTML, inline CSS and charts drawn as
inline SVG (clusterfacts/marts/charts.py): it opens from file://, needs no server and fetches
nothing. The warehouse is opened read-only.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
from dataclasses import dataclass
from pathlib import Path

from clusterfacts.marts.charts import bar_chart, column_chart, line_chart, readable
from clusterfacts.marts.status import results_beside
from clusterfacts.warehouse import WarehouseMissing, connect, require_marts

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { text-align: left; vertical-align: top; padding: .3em .5em; border-bottom: 1px solid #eee; }
th { background: #f5f5f5; } td.num { text-align: right; white-space: nowrap; }
.quote { color: #555; font-size: .92em; } .muted { color: #888; }
.charts { display: flex; flex-wrap: wrap; gap: 1em; } figure { margin: .5em 0; }
figcaption { color: #555; font-size: .92em; }
.ok { color: #17702e; } .warn { color: #9a6700; } .fail { color: #b42318; }
mark { background: #ffe58a; } mark:target { background: #ffb347; outline: 2px solid #e07b00; }
pre { white-space: pre-wrap; font: inherit; }
"""


# the facts-per-cluster-and-place chart shows the largest this many; the table below it has all
CHART_BARS = 25


@dataclass(frozen=True, slots=True)
class Report:
    """What `report` wrote: the page, the article pages, and how many figures it shows."""

    index: Path
    article_pages: int
    figures: int


def report(database: Path, folder: Path, wait_seconds: float = 0) -> Report:
    """Write the site for `database` into `folder`."""
    if not database.exists():
        raise WarehouseMissing(f"no warehouse at {database}: run `clusterfacts load PATH` first")
    conn = connect(database, read_only=True, wait_seconds=wait_seconds)
    try:
        require_marts(conn, database)
        scorecard = _rows(conn, """
            select s.cluster_name, s.cluster_id, s.geography_id, s.geography_path, s.metric_id, m.metric_description,
                   s.reported_value, s.reported_qualifier, s.reported_unit, s.reported_year, s.reported_span,
                   s.reported_sentence, s.reported_title, s.reported_published_date, s.reported_source, s.reported_credit,
                   s.reported_fact_id, s.reporting_stories,
                   s.target_value, s.target_qualifier, s.target_unit, s.target_year, s.target_span,
                   s.target_sentence, s.target_title, s.target_source, s.target_credit, s.target_fact_id, s.target_stories
            from marts.rpt_cluster_scorecard as s
            left join marts.dim_metrics as m using (metric_id)
            order by s.cluster_name, s.geography_id, s.metric_id""")
        targets = _rows(conn, """
            select f.target_year, c.cluster_name, f.geography_id, f.metric_id, f.span, f.sentence, f.fact_id,
                   f.article_id, f.file_name
            from marts.fct_facts as f
            left join marts.dim_clusters as c using (cluster_id)
            where f.is_target and f.target_year is not null and not f.is_suppressed
            order by f.target_year, c.cluster_name nulls last, f.geography_id, f.fact_id""")
        counts = _rows(conn, """
            select coalesce(c.cluster_name, '(no cluster)') as cluster_name,
                   coalesce(f.geography_id, '(no place)') as geography_id, count(*) as facts,
                   count(distinct f.story_id) as stories
            from marts.fct_facts as f
            left join marts.dim_clusters as c using (cluster_id)
            where not f.is_suppressed
            group by all order by facts desc, cluster_name, geography_id""")
        over_time = _rows(conn, """
            with series as (
                select cluster_id, geography_id, metric_id, unit, is_target
                from marts.fct_cluster_metrics
                where reference_year is not null
                group by all having count(distinct reference_year) > 1
            )
            select m.cluster_id, m.geography_id, m.metric_id, m.unit, m.is_target, m.reference_year,
                   m.latest_value, m.stories
            from marts.fct_cluster_metrics as m inner join series using (cluster_id, geography_id, metric_id, unit,
                                                                          is_target)
            where m.reference_year is not null
            order by all""")
        held_back = conn.execute("select count(*) from marts.rpt_held_back_facts").fetchall()[0][0]
        totals = _rows(conn, """
            select (select count(*) from marts.dim_articles) as articles,
                   (select count(*) from marts.fct_facts) as facts,
                   (select max(finished_at) from raw.load_runs where status = 'succeeded') as last_load""")[0]
        articles_of = {row["fact_id"]: row["article_id"] for row in targets}
        articles_of |= _articles_of(conn, [row[f"{side}_fact_id"] for row in scorecard for side in ("reported", "target")])
        article_ids = sorted(set(articles_of.values()))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "articles").mkdir(exist_ok=True)
        for article_id in article_ids:
            _write(folder / "articles" / f"{article_id}.html", _article_page(conn, article_id))
    finally:
        conn.close()
    page = _index(database, totals, scorecard, targets, counts, over_time, held_back, _test_lines(database),
                  articles_of)
    index = folder / "index.html"
    _write(index, page)
    figures = sum(row["reported_fact_id"] is not None for row in scorecard) + sum(
        row["target_fact_id"] is not None for row in scorecard)
    return Report(index, len(article_ids), figures)


def _rows(conn, sql: str, parameters: list | None = None) -> list[dict]:
    cursor = conn.execute(sql, parameters or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _articles_of(conn, fact_ids: list[str | None]) -> dict[str, str]:
    """fact id -> the article it stands in."""
    wanted = [fact_id for fact_id in fact_ids if fact_id]
    if not wanted:
        return {}
    return dict(conn.execute("select fact_id, article_id from marts.fct_facts where list_contains($ids, fact_id)",
                             {"ids": wanted}).fetchall())


def _write(path: Path, text: str) -> None:
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def _page(title: str, body: str) -> str:
    return (f"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>\n{body}\n</body></html>\n")


def _link(fact_id: str | None, article_id: str | None, text: str) -> str:
    if not fact_id or not article_id:
        return html.escape(text)
    return f'<a href="articles/{article_id}.html#fact-{fact_id}">{html.escape(text)}</a>'


def _figure(value, qualifier, unit) -> str:
    """A value as an analyst reads it: "about 100 billion CNY", "more than 600 company"."""
    if value is None:
        return ""
    shown = readable(value)
    words = {"more_than": "more than ", "less_than": "less than ", "approximate": "about ", "at_least": "at least ",
             "at_most": "at most "}
    return f"{words.get(qualifier or '', '')}{shown} {unit or ''}".strip()


def _stories(count: int) -> str:
    return f"{count} {'story' if count == 1 else 'stories'}"


def _index(database: Path, totals: dict, scorecard: list[dict], targets: list[dict], counts: list[dict],
           over_time: list[dict], held_back: int, tests: list[tuple[str, str]], articles_of: dict[str, str]) -> str:
    parts = [f"<h1>Industrial clusters: what the news says</h1>"
             f"<p class=\"muted\">{totals['articles']} articles, {totals['facts']} facts; last load "
             f"{html.escape(str(totals['last_load'] or 'never'))}; warehouse {html.escape(str(database))}; "
             f"page made {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC</p>"]
    parts.append("<h2>Tests and checks</h2><ul>")
    parts += [f'<li class="{css}">{html.escape(line)}</li>' for css, line in tests]
    parts.append(f'<li class="{"warn" if held_back else "ok"}">{held_back} facts held back by the checks on facts '
                 "(marts.rpt_held_back_facts)</li></ul>")

    parts.append("<h2>Latest figure and target, per cluster and place</h2>"
                 "<table><tr><th>cluster</th><th>place</th><th>metric</th><th>latest reported</th>"
                 "<th>latest target</th></tr>")
    for row in scorecard:
        reported = target = '<span class="muted">none</span>'
        if row["reported_fact_id"]:
            reported = (f"<b>{_link(row['reported_fact_id'], articles_of.get(row['reported_fact_id']), _figure(row['reported_value'], row['reported_qualifier'], row['reported_unit']))}</b>"
                        f" ({row['reported_year'] or 'year unknown'})"
                        f"<div class=\"quote\">“{html.escape(row['reported_sentence'] or '')}”</div>"
                        f"<div class=\"muted\">{html.escape(row['reported_title'] or row['reported_source'] or '')}"
                        f"{', ' + str(row['reported_published_date']) if row['reported_published_date'] else ''}"
                        f"{', ' + html.escape(row['reported_credit']) if row['reported_credit'] else ''}; "
                        f"{_stories(row['reporting_stories'])}</div>")
        if row["target_fact_id"]:
            target = (f"<b>{_link(row['target_fact_id'], articles_of.get(row['target_fact_id']), _figure(row['target_value'], row['target_qualifier'], row['target_unit']))}</b>"
                      f" by {row['target_year'] or '?'}"
                      f"<div class=\"quote\">“{html.escape(row['target_sentence'] or '')}”</div>"
                      f"<div class=\"muted\">{html.escape(row['target_title'] or row['target_source'] or '')}"
                      f"{', ' + html.escape(row['target_credit']) if row['target_credit'] else ''}</div>")
        parts.append(f"<tr><td>{html.escape(row['cluster_name'])}</td>"
                     f"<td title=\"{html.escape(row['geography_path'] or '')}\">{html.escape(row['geography_id'])}</td>"
                     f"<td>{html.escape(row['metric_id'])}<div class=\"muted\">"
                     f"{html.escape(row['metric_description'] or '')}</div></td><td>{reported}</td>"
                     f"<td>{target}</td></tr>")
    parts.append("</table>")

    parts.append("<h2>Targets by the year they are due</h2>")
    due = sorted({row["target_year"] for row in targets})
    if due:
        parts.append(_chart(column_chart("Targets by due year", [
            (str(year), sum(row["target_year"] == year for row in targets)) for year in due]),
            "Targets stated for each due year"))
    for year in sorted({row["target_year"] for row in targets}):
        parts.append(f"<h3>{year}</h3><ul>")
        for row in (r for r in targets if r["target_year"] == year):
            parts.append(f"<li><b>{html.escape(row['cluster_name'] or 'no cluster')}</b>, "
                         f"{html.escape(row['geography_id'] or 'no place')}: "
                         f"{_link(row['fact_id'], row['article_id'], row['span'])} "
                         f"<span class=\"quote\">“{html.escape(row['sentence'] or '')}”</span></li>")
        parts.append("</ul>")

    parts.append("<h2>Facts per cluster and place</h2>")
    if counts:
        shown = counts[:CHART_BARS]
        parts.append(_chart(bar_chart("Facts per cluster and place", [
            (f"{row['cluster_name']} · {row['geography_id']}", row["facts"]) for row in shown]),
            f"The {len(shown)} clusters and places with the most facts" if len(counts) > len(shown)
            else "Facts per cluster and place"))
    parts.append("<table><tr><th>cluster</th><th>place</th><th>facts</th><th>stories</th></tr>")
    for row in counts:
        parts.append(f"<tr><td>{html.escape(row['cluster_name'])}</td><td>{html.escape(row['geography_id'])}</td>"
                     f"<td class=\"num\">{row['facts']}</td><td class=\"num\">{row['stories']}</td></tr>")
    parts.append("</table>")

    parts.append("<h2>Figures over the years</h2>")
    if not over_time:
        parts.append('<p class="muted">No cluster, place and metric has figures for more than one year yet.</p>')
    else:
        series: dict[tuple, list[tuple[int, float]]] = {}
        for row in over_time:
            key = (row["cluster_id"], row["geography_id"], row["metric_id"], row["unit"], row["is_target"])
            series.setdefault(key, []).append((row["reference_year"], row["latest_value"]))
        parts.append('<div class="charts">')
        for (cluster, place, metric, unit, is_target), points in series.items():
            name = f"{cluster} · {place} · {metric}{' (target)' if is_target else ''}"
            parts.append(_chart(line_chart(name, points, unit or ""), f"{name}, {unit or ''}"))
        parts.append("</div>")
        parts.append("<table><tr><th>cluster</th><th>place</th><th>metric</th><th>year</th><th>latest value</th>"
                     "<th>stories</th></tr>")
        for row in over_time:
            kind = " (target)" if row["is_target"] else ""
            parts.append(f"<tr><td>{html.escape(row['cluster_id'])}</td><td>{html.escape(row['geography_id'])}</td>"
                         f"<td>{html.escape(row['metric_id'])}{kind}</td><td>{row['reference_year']}</td>"
                         f"<td class=\"num\">{_figure(row['latest_value'], None, row['unit'])}</td>"
                         f"<td class=\"num\">{row['stories']}</td></tr>")
        parts.append("</table>")
    return _page("clusterfacts report", "\n".join(parts))


def _chart(svg: str, caption: str) -> str:
    return f"<figure>{svg}<figcaption>{html.escape(caption)}</figcaption></figure>"


def _article_page(conn, article_id: str) -> str:
    (title, file_name, published), = conn.execute(
        "select title, file_name, published_date from marts.dim_articles where article_id = ?", [article_id]
    ).fetchall()
    text = conn.execute("select text from raw.article_texts where content_hash = ?", [article_id]).fetchall()[0][0]
    facts = conn.execute(
        "select fact_id, char_start, char_end, metric_id, cluster_id, geography_id from marts.fct_facts "
        "where article_id = ? order by char_start, char_end desc", [article_id]).fetchall()
    pieces, position = [], 0
    for fact_id, start, end, metric, cluster, place in facts:
        if start < position:  # a fact inside another's span stays unmarked: marks cannot overlap
            continue
        pieces.append(html.escape(text[position:start]))
        note = f"{metric or 'no metric'} · {cluster or 'no cluster'} · {place or 'no place'}"
        pieces.append(f'<mark id="fact-{fact_id}" title="{html.escape(note)}">{html.escape(text[start:end])}</mark>')
        position = end
    pieces.append(html.escape(text[position:]))
    heading = html.escape(title or file_name)
    return _page(title or file_name, f'<p><a href="../index.html">← report</a></p><h1>{heading}</h1>'
                 f'<p class="muted">{html.escape(file_name)}{", " + str(published) if published else ""}; '
                 f"{len(facts)} facts marked</p><pre>{''.join(pieces)}</pre>")


def _test_lines(database: Path) -> list[tuple[str, str]]:
    results = [result for path in results_beside(database) if path.exists()
               for result in json.loads(path.read_text(encoding="utf-8"))["results"]]
    if not results:
        return [("warn", "no build results beside the warehouse (clusterfacts build writes them)")]
    tests = [r for r in results if r["unique_id"].startswith(("test.", "unit_test."))]
    failed = [r["unique_id"] for r in tests if r["status"] in ("fail", "error")]
    warned = [r["unique_id"] for r in tests if r["status"] == "warn"]
    lines = [("fail" if failed else "ok",
              f"{len(tests) - len(failed) - len(warned)} of {len(tests)} data and unit tests passed at the last build")]
    lines += [("fail", f"failed: {name}") for name in failed]
    lines += [("warn", f"warned: {name}") for name in warned]
    return lines
