"""The compiled extractor (mypyc, scripts/build_native.py) finds what its Python sources find."""

import json
import os
import subprocess
import sys
from dataclasses import replace

from clusterfacts.config import settings
from conftest import REPO

# Facts and mentions of the sample corpus and of synthetic articles, as one process finds them.
EXTRACT = """
import dataclasses, json, sys
sys.path.insert(0, "scripts")
from make_corpus import article
from clusterfacts import native
from clusterfacts.extract.pipeline import analyse
texts = [p.read_text(encoding="utf-8-sig") for p in sorted(native.PACKAGE_DIR.parent.glob("data/articles/*.txt"))]
texts += [article(i, seed=11) for i in range(300)]
texts += [t.upper() for t in texts[:5]] + [t.replace(" ", "  ") for t in texts[:5]]
out = []
for i, text in enumerate(texts):
    document = analyse(f"{i}.txt", text.encode())
    out.append([[dataclasses.asdict(f) for f in document.facts], [dataclasses.asdict(m) for m in document.mentions],
                {k: str(v) for k, v in dataclasses.asdict(document.article).items()}])
print(json.dumps({"compiled": native.in_use(), "documents": out}))
"""


def extract(pure_python: bool) -> dict:
    env = {**os.environ, "CLUSTERFACTS_PURE_PYTHON": "1" if pure_python else ""}
    result = subprocess.run([sys.executable, "-c", EXTRACT], cwd=REPO, env=env, capture_output=True, text=True,
                            check=True)
    return json.loads(result.stdout)


def test_compiled_and_python_extractors_agree():
    compiled, python = extract(pure_python=False), extract(pure_python=True)
    assert compiled["compiled"], "no current compiled build in build/native: `make setup` compiles it"
    assert not python["compiled"]
    assert len(compiled["documents"]) == 315
    assert sum(len(facts) for facts, _, _ in compiled["documents"]) > 3000
    assert compiled["documents"] == python["documents"]


def test_a_build_is_used_only_while_it_matches_every_source(tmp_path, monkeypatch):
    from clusterfacts import native

    monkeypatch.setattr(native, "MANIFEST", tmp_path / "sources.json")
    monkeypatch.setattr(native, "BUILD_DIR", tmp_path)
    monkeypatch.setattr(native, "settings", lambda: replace(settings(), pure_python=False))
    assert not native.use_compiled_modules([], "extract")  # no build

    native.MANIFEST.write_text(json.dumps(native.manifest()))
    path: list[str] = []
    assert native.use_compiled_modules(path, "extract") and path == [str(tmp_path / "clusterfacts" / "extract")]

    stale = native.manifest()
    stale["sources"]["quantities"] = "0" * 64  # quantities.py edited since the build
    native.MANIFEST.write_text(json.dumps(stale))
    assert not native.use_compiled_modules([], "extract")

    native.MANIFEST.write_text(json.dumps({**native.manifest(), "build": "cpython-310-linux"}))
    assert not native.use_compiled_modules([], "extract")

    native.MANIFEST.write_text(json.dumps(native.manifest()))
    monkeypatch.setattr(native, "settings", lambda: replace(settings(), pure_python=True))
    assert not native.use_compiled_modules([], "extract")


def test_without_a_c_compiler_set_up_goes_on_from_the_sources_with_one_warning():
    before = sorted(os.listdir(REPO / "build" / "native")) if (REPO / "build" / "native").exists() else None
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "build_native.py")], capture_output=True,
                            text=True, env={**os.environ, "CC": "/nonexistent/cc"})
    assert result.returncode == 0, result.stderr
    [warning] = result.stderr.strip().splitlines()
    assert warning.startswith("warning: no C compiler found") and "Python sources" in warning
    after = sorted(os.listdir(REPO / "build" / "native")) if (REPO / "build" / "native").exists() else None
    assert after == before  # an existing build is left as it was
