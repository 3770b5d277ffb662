"""One Python for `make`, CI and the deploy, and one set of packages on every Python.

`.python-version` is the only place the Python is chosen: uv reads it in `make` (locally and in
`.ci/run`) and in every job of the workflow. The workflow's test job also runs on Python 3.12
(GitHub's and Ubuntu 24.04's default), and uv.lock must give both the same packages, so that
the site built on either is the site these tests checked (mkdocs-jupyter 0.27, which a split lock
once gave Python 3.12 only, loads MathJax from a CDN on every page).
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import yaml
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))
# Ubuntu 24.04's python3 and the default of GitHub's ubuntu-24.04 runners.
UBUNTU_PYTHON = "3.12"


def pinned() -> str:
    text = (ROOT / ".python-version").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"3\.\d+", text), (
        f".python-version={text!r}: write one minor version, such as 3.11"
    )
    return text


def admits(version: str) -> bool:
    """Whether ``requires-python`` admits every patch release of ``version``'s newest line."""
    return SpecifierSet(PYPROJECT["project"]["requires-python"]).contains(f"{version}.99")


def test_the_pinned_python_and_ubuntus_are_admitted() -> None:
    for version in (pinned(), UBUNTU_PYTHON):
        assert admits(version), (
            f"requires-python={PYPROJECT['project']['requires-python']!r} refuses Python {version}"
        )


def test_this_run_uses_the_pinned_python_unless_told_otherwise() -> None:
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    # UV_PYTHON is a version ("3.12") or a path (".../versions/3.12.1/bin/python3.12").
    override = re.search(r"3\.\d+", os.environ.get("UV_PYTHON", ""))
    chosen = override.group() if override else pinned()
    assert running == chosen, (
        f"the tests run on Python {running}, but .python-version says {pinned()} and UV_PYTHON "
        f"is {os.environ.get('UV_PYTHON')!r}: run them through `make test` (uv reads the pin)"
    )


def test_the_lock_has_one_version_of_each_package_on_every_python() -> None:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    versions: dict[str, set[str]] = defaultdict(set)
    for package in lock["package"]:
        versions[package["name"]].add(package["version"])
    split = {name: sorted(v) for name, v in versions.items() if len(v) > 1}
    assert not split, (
        f"uv.lock installs different versions on different Pythons: {split}. Keep "
        '`fork-strategy = "fewest"` under [tool.uv] in pyproject.toml and run `uv lock`, or '
        "bound the package so that one version serves every Python requires-python admits"
    )


def test_no_job_and_no_make_target_chooses_its_own_python() -> None:
    for name, job in WORKFLOW["jobs"].items():
        for step in job.get("steps", []):
            uses = step.get("uses", "")
            assert "actions/setup-python" not in uses, f"job {name}: setup-python overrides the pin"
            assert "python-version" not in (step.get("with") or {}), (
                f"job {name}: step {step.get('name')!r} sets python-version; .python-version does"
            )
        if name != "test":
            assert "UV_PYTHON" not in str(job), f"job {name}: UV_PYTHON overrides .python-version"
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert not re.search(r"--python\b|UV_PYTHON", makefile), "the Makefile overrides the pin"


def test_the_test_job_runs_on_the_pin_and_on_ubuntus_python() -> None:
    job = WORKFLOW["jobs"]["test"]
    legs = job["strategy"]["matrix"]["python"]
    assert legs == ["pinned", UBUNTU_PYTHON], f"test job matrix: {legs}"
    override = [s for s in job["steps"] if "UV_PYTHON" in str(s.get("run", ""))]
    assert len(override) == 1 and override[0]["if"] == "matrix.python != 'pinned'", override
