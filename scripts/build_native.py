"""Compile the extractor's modules with mypyc into build/native/ (`make setup` runs this).

mypyc turns the type-annotated modules into C extension modules: the same code,
about a quarter faster, since the interpreter no longer steps through each
bytecode of the grammar and the linker. clusterfacts/native.py says when the
package uses them; the sources stay the reference, and run wherever no current
build exists.

    python scripts/build_native.py [--if-stale]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

from setuptools.errors import CCompilerError

os.environ["CLUSTERFACTS_PURE_PYTHON"] = "1"  # hash the sources without loading a build this run replaces

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from clusterfacts import native  # noqa: E402


class CannotCompile(Exception):
    """The C compiler failed on mypyc's output (no Python headers, a broken toolchain)."""


def build() -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    os.chdir(REPO)  # mypyc names each module by its path from here
    shutil.rmtree(native.BUILD_DIR, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="clusterfacts-native-") as work:
        modules = mypycify([f"clusterfacts/{native.PACKAGE}/{name}.py" for name in native.COMPILED_MODULES],
                           group_name=native.GROUP, target_dir=str(Path(work) / "c"), opt_level="3")
        try:  # setup() turns a compiler's failure into SystemExit("error: ...")
            setup(name="clusterfacts-native", ext_modules=modules, py_modules=[],
                  script_args=["--quiet", "build_ext", "--build-lib", str(native.BUILD_DIR),
                               "--build-temp", str(Path(work) / "objects")])
        except (SystemExit, CCompilerError) as error:
            raise CannotCompile(str(error)) from error
    native.MANIFEST.write_text(json.dumps(native.manifest(), indent=1, sort_keys=True) + "\n")


def compiler() -> str | None:
    """The C compiler setuptools would run ($CC, else the one Python was built with), if it is installed."""
    command = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()
    return shutil.which(command[0]) if command else None


FALLBACK = "the extractor runs from its Python sources (the same facts, about a third slower)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--if-stale", action="store_true", help="only when no current build exists")
    if parser.parse_args().if_stale and native.build_is_current():
        return
    # The compiled modules are only a speed-up: without a compiler, or where one cannot build
    # them (no Python headers), set-up goes on. A type error mypy finds still stops it.
    if compiler() is None:
        print(f"warning: no C compiler found ($CC or cc); {FALLBACK}", file=sys.stderr)
        return
    print(f"compiling {', '.join(native.COMPILED_MODULES)} with mypyc (about a minute)", flush=True)
    try:
        build()
    except CannotCompile as error:
        shutil.rmtree(native.BUILD_DIR, ignore_errors=True)
        cause = str(error).split(": Command ")[0][:200]  # not the compiler's whole command line
        print(f"warning: the C compiler could not build the modules ({cause}); {FALLBACK}", file=sys.stderr)
        return
    print(f"compiled into {native.BUILD_DIR.relative_to(REPO)}")


if __name__ == "__main__":
    main()
