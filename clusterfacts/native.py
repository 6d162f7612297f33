"""The extractor's modules compiled to C with mypyc, used in place of their sources while they match them.

`make setup` compiles the modules an article passes through on its way to facts
(COMPILED_MODULES) into build/native/ and records a hash of each source there
(scripts/build_native.py). When the package is imported, that folder goes ahead of
the package's own on its search path only if every recorded hash still matches its
source and the build is for this Python: an edited module is never shadowed by a
stale build; it runs as Python until the next `make setup`.
CLUSTERFACTS_PURE_PYTHON=1 runs the sources whatever is built.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from clusterfacts.config import settings

PACKAGE = "extract"  # the sub-package whose modules are compiled
COMPILED_MODULES = ("patterns", "numbers", "word_scan", "layout", "vocabulary", "quantities", "gazetteer",
                    "linking", "extraction")
GROUP = "clusterfacts"  # mypyc's shared library for the modules is named after it: clusterfacts__mypyc
PACKAGE_DIR = Path(__file__).resolve().parent
BUILD_DIR = PACKAGE_DIR.parent / "build" / "native"
MANIFEST = BUILD_DIR / "sources.json"
PURE_PYTHON_VARIABLE = "CLUSTERFACTS_PURE_PYTHON"


def source_hashes() -> dict[str, str]:
    return {name: hashlib.sha256((PACKAGE_DIR / PACKAGE / f"{name}.py").read_bytes()).hexdigest()
            for name in COMPILED_MODULES}


def build_tag() -> str:
    """What a build is for: compiled modules load only into the interpreter they were built for."""
    return f"{sys.implementation.cache_tag}-{sys.platform}"


def manifest() -> dict:
    return {"build": build_tag(), "sources": source_hashes()}


def build_is_current() -> bool:
    try:
        recorded = json.loads(MANIFEST.read_text())
    except (OSError, ValueError):
        return False
    return recorded == manifest()


def use_compiled_modules(package_path: list[str], package: str) -> bool:
    """Put the compiled modules ahead of the sources on the sub-package's path, when they may be."""
    if settings().pure_python or not build_is_current():
        return False
    package_path.insert(0, str(BUILD_DIR / "clusterfacts" / package))
    if str(BUILD_DIR) not in sys.path:
        sys.path.append(str(BUILD_DIR))  # where the modules find their shared library
    return True


def in_use() -> bool:
    """Whether this process runs the compiled extractor."""
    import clusterfacts.extract.extraction

    return not clusterfacts.extract.extraction.__file__.endswith(".py")


def describe() -> str:
    """Which extractor this process runs, and why, for a benchmark's figures."""
    if in_use():
        return "compiled with mypyc"
    if settings().pure_python:
        return f"Python sources, as {PURE_PYTHON_VARIABLE} asks"
    return "Python sources: no current build in build/native (make setup compiles it)"
