"""Packs the dbt project into the wheel, so that an installed clusterfacts can build its marts.

pyproject.toml holds the package's metadata; this file only adds a step to setuptools'
build_py. The repository keeps one copy of the dbt project at its root (dbt_project.yml,
profiles.yml, models/, macros/, seeds/, tests/dbt/), where dbt, sqlfluff and the tests use it;
a wheel gets a copy of it as clusterfacts/project/, where clusterfacts.config finds it.
An editable install (make setup) reads the repository's own.
"""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PROJECT_FILES = ("dbt_project.yml", "profiles.yml")
PROJECT_FOLDERS = ("models", "macros", "seeds", "tests/dbt")


class BuildPyWithProject(build_py):
    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return
        packed = Path(self.build_lib) / "clusterfacts" / "project"
        shutil.rmtree(packed, ignore_errors=True)
        for name in PROJECT_FILES:
            packed.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, packed / name)
        for name in PROJECT_FOLDERS:
            shutil.copytree(ROOT / name, packed / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


setup(cmdclass={"build_py": BuildPyWithProject})
