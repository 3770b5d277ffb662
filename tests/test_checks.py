"""The checks' own set-up: markers that say what a test needs, and one TensorFlow environment.

``-m "not tf and not browser"`` (``make bench --fast``, or a quick run while writing) must select
only tests that need neither: the run below makes TensorFlow and Keras unimportable and runs that
selection, so a test that uses TensorFlow without the ``tf`` marker fails it (tests/conftest.py
applies the markers). Modules that import TensorFlow when imported are not even collected there:
the hook marks every test of such a module ``tf``, and ``test_markers_follow_the_rules`` checks
it on every test the session collected.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from support import ROOT, child_env, module_imports_tensorflow, used_fixtures

from sitekit.env import TF_ENV

TESTS = ROOT / "tests"
QUICK = "not tf and not browser"
BLOCKED = "{name} is blocked: this run selects tests not marked tf"


def tf_modules() -> list[Path]:
    """Test modules that import TensorFlow (or Keras) when imported."""
    return [p for p in sorted(TESTS.rglob("test_*.py")) if module_imports_tensorflow(p)]


def blocked_env(tmp_path: Path) -> dict[str, str]:
    """The environment with ``tensorflow`` and ``keras`` shadowed by packages that refuse import
    (for this interpreter and every Python it starts)."""
    shadow = tmp_path / "blocked"
    for name in ("tensorflow", "keras"):
        (shadow / name).mkdir(parents=True)
        message = BLOCKED.format(name=name)
        (shadow / name / "__init__.py").write_text(f"raise ImportError({message!r})\n", "utf-8")
    env = child_env()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shadow), env.get("PYTHONPATH")]))
    return env


def run_pytest(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_markers_follow_the_rules(request: pytest.FixtureRequest) -> None:
    """Every test collected in this session carries the markers tests/conftest.py promises:
    ``tf`` for each test of a module that imports TensorFlow (so ignoring those modules below
    loses no quick test), ``browser`` for each browser test."""
    tf_files = set(tf_modules())
    browser_dir = TESTS / "browser"
    wrong = []
    for item in request.session.items:
        marks = {m.name for m in item.iter_markers()}
        fixtures = used_fixtures(item)
        if item.path in tf_files and "tf" not in marks:
            wrong.append(f"{item.nodeid}: its module imports TensorFlow, no tf marker")
        if (item.path.is_relative_to(browser_dir) or fixtures & {"page", "browser"}) and (
            "browser" not in marks
        ):
            wrong.append(f"{item.nodeid}: drives the browser, no browser marker")
        if "site_dir" in fixtures and "tf" not in marks:
            wrong.append(f"{item.nodeid}: needs the built site, no tf marker")
        # The parallel scheduler gives tests/browser/ to one worker, the one that serves the
        # site on SITE_URL's single port: a browser test elsewhere would serve it twice.
        if "browser" in marks and not item.path.is_relative_to(browser_dir):
            wrong.append(f"{item.nodeid}: drives the browser outside tests/browser/")
    assert not wrong, "\n".join(wrong)


def test_long_tests_named_to_start_first_exist() -> None:
    """``LONG_FIRST`` (tests/conftest.py) names modules that are there: a renamed module would
    silently lose its early start."""
    from conftest import LONG_FIRST

    missing = [name for name in LONG_FIRST if not list(TESTS.rglob(name))]
    assert not missing, f"LONG_FIRST names no such test module: {missing}"


def test_make_test_and_bench_run_the_suite_alike() -> None:
    """``make test`` and ``make bench`` run the suite on the same number of workers."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PARALLEL := -n \$\(TEST_WORKERS\)$", makefile, re.M)
    assert re.search(r"^\tSITE_DIR=site \$\(RUN\) pytest \$\(PARALLEL\) ", makefile, re.M)
    assert '-m sitekit.bench --parallel "$(PARALLEL)"' in makefile


def test_the_quick_selection_needs_no_tensorflow(tmp_path: Path) -> None:
    """Run ``-m "not tf and not browser"`` with TensorFlow and Keras unimportable: no test may
    trip over the block. (A test that fails for another reason fails in this run too, and is
    reported there; here only the markers are judged.)"""
    env = blocked_env(tmp_path)
    probe = subprocess.run(
        [sys.executable, "-c", "import tensorflow"], env=env, capture_output=True, text=True
    )
    assert probe.returncode != 0 and BLOCKED.format(name="tensorflow") in probe.stderr
    this = f"{Path(__file__).relative_to(ROOT).as_posix()}::{sys._getframe().f_code.co_name}"
    ignored = [f"--ignore={p}" for p in tf_modules()]
    done = run_pytest(env, "-m", QUICK, "--tb=short", "-rfE", f"--deselect={this}", *ignored)
    out = done.stdout + done.stderr
    tripped = [line for line in out.splitlines() if line.startswith(("FAILED", "ERROR"))]
    assert BLOCKED.split(":")[-1] not in out, (
        "tests without the tf marker need TensorFlow (mark them, or give tests/conftest.py a "
        "rule that does):\n" + "\n".join(tripped) + "\n" + out[-4000:]
    )
    # 0: all passed; 1: some failed for other reasons. Anything else is a run that did not run.
    assert done.returncode in (0, 1), out[-4000:]
    assert re.search(r"\b\d{2,} passed\b", done.stdout), out[-4000:]


def test_makefile_exports_the_tensorflow_environment() -> None:
    """The shell (make, CI) and Python (sitekit.env) set TensorFlow's variables alike."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    exported = dict(re.findall(r"^export (\w+) \?= (\S+)$", makefile, re.M))
    assert {name: exported.get(name) for name in TF_ENV} == TF_ENV


@pytest.mark.parametrize("name", sorted(TF_ENV))
def test_tests_run_with_the_tensorflow_environment(name: str) -> None:
    assert name in os.environ, f"tests/conftest.py did not set {name}"


@pytest.mark.parametrize("name", ["tensorflow", "keras", "mkdocs", "torch"])
def test_installed_packages_carry_their_bytecode(name: str) -> None:
    """uv compiles what it installs (``compile-bytecode`` in pyproject.toml): on a machine that
    sets PYTHONDONTWRITEBYTECODE, a package without bytecode is compiled again by every process
    that imports it, which more than doubles the cost of each of the suite's TensorFlow starts."""
    # From site-packages itself: the quick-selection run below shadows tensorflow and keras.
    source = Path(sysconfig.get_paths()["purelib"]) / name / "__init__.py"
    assert source.is_file(), f"{name} is not installed"
    cached = Path(importlib.util.cache_from_source(str(source)))
    assert cached.is_file(), f"{name} has no bytecode ({cached}): run `make install`"


def test_bench_names_the_tests_that_failed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A red suite in ``make bench`` says which tests failed, not only how many."""
    from sitekit import bench

    printed = (
        "..F.\nFAILED tests/test_x.py::test_y[a] - AssertionError: no\n"
        "ERROR tests/test_z.py::test_w - OSError\n1 failed, 2 passed, 1 error in 1.00s\n"
    )

    def fake_run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(args, 1, printed, "a note on stderr\n")

    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    _, _, note = bench.suite_time(ROOT / "site", fast=False)
    assert note == (
        "FAILED (exit 1): 1 failed, 2 passed, 1 error in 1.00s; "
        "FAILED tests/test_x.py::test_y[a]; ERROR tests/test_z.py::test_w"
    )
