"""Shared test set-up: quiet, reproducible TensorFlow, one built site, and honest markers.

- TensorFlow's variables (``sitekit.env.TF_ENV``) are set before any test module imports it.
- ``site_dir``: the built site, for the whole session. ``SITE_DIR`` when given (``make test``
  builds ``site/`` first); otherwise ONE strict build, on ``SITE_URL``, shared by every test.
- Markers are applied here, from what a test needs, so that ``-m "not tf and not browser"``
  selects only tests that need neither (``tests/test_checks.py`` proves it with TensorFlow made
  unimportable):

  ``browser``: every test under ``tests/browser/``, and every test that uses the browser
  fixtures (``browser``, ``page``, ``base_url``);
  ``tf``: every test of a module that imports TensorFlow or Keras when imported (directly or
  through ``snippets``/``sitekit``), every test function that imports it, every test that needs
  the built site (the build executes the notebooks) or a copy of the project (its checks and
  builds run TensorFlow). Tests that run it some other way (a snippet, a figure) carry
  ``@pytest.mark.tf`` themselves.
"""

from __future__ import annotations

import ast
import functools
import inspect
import textwrap
from pathlib import Path

import pytest

from sitekit.env import quiet_tensorflow

quiet_tensorflow()

import support  # noqa: E402  (tests/ is on sys.path: pytest's rootdir-relative imports)

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
BROWSER_FIXTURES = frozenset({"browser", "page", "base_url"})
# The built site (a build runs the notebooks) and a copy of the project (test_selftest.py).
TF_FIXTURES = frozenset({"site_dir", "project"})


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: ``SITE_DIR`` if given, else one strict build for the whole session."""
    try:
        given = support.given_site_dir()
    except ValueError as error:
        pytest.fail(str(error), pytrace=False)
    if given is not None:
        return given
    out = tmp_path_factory.mktemp("site")
    done = support.strict_build(support.ROOT, out, {"SITE_URL": support.SITE_URL})
    if done.returncode:
        pytest.fail(f"the strict build failed:\n{done.stderr[-3000:]}", pytrace=False)
    return out


@functools.cache
def _module_needs_tf(path: Path) -> bool:
    return support.module_imports_tensorflow(path)


@functools.cache
def _function_needs_tf(function: object) -> bool:
    try:
        source = textwrap.dedent(inspect.getsource(function))  # type: ignore[arg-type]
    except (OSError, TypeError):
        return False
    (definition,) = ast.parse(source).body
    return support.imports_tensorflow(getattr(definition, "body", []))


def needs_browser(item: pytest.Item) -> bool:
    fixtures = support.used_fixtures(item)
    return item.path.is_relative_to(BROWSER_DIR) or bool(fixtures & BROWSER_FIXTURES)


def needs_tf(item: pytest.Item) -> bool:
    fixtures = support.used_fixtures(item)
    if fixtures & TF_FIXTURES:
        return True
    if item.path.suffix == ".py" and _module_needs_tf(item.path):
        return True
    function = getattr(item, "function", None)
    return function is not None and _function_needs_tf(function)


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if needs_browser(item):
            item.add_marker(pytest.mark.browser)
        if needs_tf(item):
            item.add_marker(pytest.mark.tf)
