"""The built wheel, installed into a clean venv, is a working clusterfacts.

The venv gets the wheel alone (`--no-deps`); its dependencies come from this venv through a
.pth file, so the test needs no network. What is tested is the wheel: its code, its entry
point and the dbt project packed into it (setup.py), used from a folder outside the repo.
"""

import json
import subprocess
import sys
import sysconfig
from pathlib import Path

import duckdb
import pytest

from conftest import ARTICLES, BIN, REPO

SAMPLE = "000_63fa5289a803b129.txt"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([str(BIN / "pip"), "wheel", str(REPO), "--no-deps", "--no-build-isolation", "--quiet",
                    "-w", str(folder / "dist")], check=True, capture_output=True)
    wheel = next((folder / "dist").glob("clusterfacts-*.whl"))
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    site = next(venv.glob("lib/python3*/site-packages"))
    subprocess.run([str(BIN / "pip"), "install", "--quiet", "--no-deps", "--no-index", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    # the scripts pip writes with --target are not in the venv's bin: run the entry point's module
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return venv


def clusterfacts(venv, *args, cwd):
    return subprocess.run([str(venv / "bin" / "python"), "-c", "from clusterfacts.cli import main; main()", *args],
                          cwd=cwd, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})


def test_the_wheel_carries_the_package_and_the_dbt_project(installed, tmp_path):
    where = subprocess.run([str(installed / "bin" / "python"), "-c",
                            "import clusterfacts.config as c; print(c.__file__); print(c.settings().project)"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split("\n")
    assert str(installed) in where[0] and str(REPO) not in where[0]
    project = Path(where[1])
    assert project.is_relative_to(installed) and project.parts[-2:] == ("clusterfacts", "project")
    for name in ("dbt_project.yml", "profiles.yml", "seeds/clusters.csv", "models/marts/fct_facts.sql",
                 "macros/fact_checks.sql", "tests/dbt/_tests.yml"):
        assert (project / name).is_file(), name


def test_extract_load_and_build_from_the_wheel(installed, tmp_path):
    version = clusterfacts(installed, "--version", cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("clusterfacts "), version.stderr

    extracted = clusterfacts(installed, "extract", str(ARTICLES / SAMPLE), cwd=tmp_path)
    facts = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert extracted.returncode == 0 and len(facts) > 10, extracted.stderr
    in_repo = subprocess.run([str(BIN / "clusterfacts"), "extract", str(ARTICLES / SAMPLE)], capture_output=True,
                             text=True, check=True).stdout
    assert extracted.stdout == in_repo

    loaded = clusterfacts(installed, "load", str(ARTICLES), cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    database = tmp_path / "warehouse" / "clusterfacts.duckdb"  # installed, the default is the working folder's
    assert database.exists()

    built = clusterfacts(installed, "build", cwd=tmp_path)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    assert "passed" in built.stdout and "failed" not in built.stdout
    conn = duckdb.connect(str(database), read_only=True)
    try:
        assert conn.execute("select count(*) from marts.fct_facts").fetchall()[0][0] > 50
    finally:
        conn.close()
