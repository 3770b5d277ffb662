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

- Parallel runs (``make test`` runs pytest-xdist on a built ``SITE_DIR``): the controller serves
  the site on ``SITE_URL``'s one port for every worker, and :func:`pytest_xdist_make_scheduler`
  hands out one test at a time, longest first (:data:`LONG_FIRST`). Without ``SITE_DIR`` the
  browser tests go to one worker as one unit, which builds and serves the site itself. (xdist's
  ``--dist loadgroup`` cannot do that under pytest 9.2: it renames ``item._nodeid``, which
  pytest no longer reads.)
- ``--page docs/<dir>/<name>.md`` (``make check PAGE=...``) keeps only the tests of that page,
  as ``sitekit.check`` chooses them; a value that is no page, or that selects no test, is a
  usage error naming it.
"""

from __future__ import annotations

import ast
import functools
import inspect
import os
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitekit import check
from sitekit.env import quiet_tensorflow, serve

quiet_tensorflow()

import support  # noqa: E402  (tests/ is on sys.path: pytest's rootdir-relative imports)

BROWSER_DIR = Path(__file__).resolve().parent / "browser"
BROWSER_FIXTURES = frozenset({"browser", "page", "base_url"})
# The built site (a build runs the notebooks) and a copy of the project (test_selftest.py).
TF_FIXTURES = frozenset({"site_dir", "project"})
PAGE_DEPS = pytest.StashKey[check.PageDeps]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--page",
        metavar="PAGE",
        help="run only the checks of one page, e.g. --page docs/myths/same-off-by-one.md",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "pages(*pages): the test checks these pages (docs/...md): --page keeps it"
    )
    config.addinivalue_line(
        "markers", "site_wide: a quick consistency check over every page: --page keeps it"
    )
    page = config.getoption("--page")
    if page is not None:
        try:
            config.stash[PAGE_DEPS] = check.page_dependencies(page)
        except ValueError as error:
            raise pytest.UsageError(f"--page: {error}") from None
    _serve_for_the_workers(config)


def _serve_for_the_workers(config: pytest.Config) -> None:
    """In a parallel run on a given site (``make test``), the controller serves it on SITE_URL
    for the whole run and says so in ``support.SERVED`` (the workers inherit it): every worker
    can then drive Chromium against the one server."""
    if not getattr(config.option, "numprocesses", None) or hasattr(config, "workerinput"):
        return
    try:
        site = support.given_site_dir()
    except ValueError as error:
        raise pytest.UsageError(str(error)) from None
    if site is None:
        return  # each worker would build its own site: the browser tests share one worker
    parts = urlsplit(support.SITE_URL)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    try:
        server = serve(site, host, port)
        server.__enter__()
    except OSError as error:
        raise pytest.UsageError(support.port_taken(host, port, error)) from None
    config.add_cleanup(lambda: server.__exit__(None, None, None))
    os.environ[support.SERVED] = support.SITE_URL


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


def of_the_page(item: pytest.Item, deps: check.PageDeps) -> bool:
    """Whether ``--page`` keeps the test (``sitekit.check.selects``)."""
    callspec = getattr(item, "callspec", None)
    marker = item.get_closest_marker("pages")
    return check.selects(
        deps,
        callspec.params if callspec is not None else {},
        support.used_fixtures(item),
        marker.args if marker is not None else None,
        item.get_closest_marker("site_wide") is not None,
    )


def _keep_the_page(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--page``: deselect every test that is not the page's; none left is a usage error."""
    deps = config.stash.get(PAGE_DEPS, None)
    if deps is None:
        return
    kept = [item for item in items if of_the_page(item, deps)]
    if not kept:
        raise pytest.UsageError(
            f"--page={config.getoption('--page')}: selects none of the {len(items)} tests "
            f"collected; run it on the files sitekit.check.TEST_FILES names (make check does)"
        )
    chosen = set(kept)
    config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
    items[:] = kept


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if needs_browser(item):
            item.add_marker(pytest.mark.browser)
        if needs_tf(item):
            item.add_marker(pytest.mark.tf)
    _keep_the_page(config, items)
    # Longest first: in a parallel run a long test that starts last leaves the other workers
    # idle at the end. Stable, so each module keeps its own order.
    items.sort(key=_start_order)


# The modules whose tests take minutes (project copies and their builds, the Keras backends,
# notebooks in fresh kernels), in the order they should start; the browser tests, one group on
# one worker, come first of all.
LONG_FIRST = (
    "test_porting_backends.py",
    "test_selftest.py",
    "test_live_serve.py",
    "test_checks.py",
    "test_notebooks.py",
    "test_porting_sweep.py",
    "test_reproducible.py",
    "test_check.py",
)


def _start_order(item: pytest.Item) -> int:
    if item.get_closest_marker("browser"):
        return 0
    name = item.path.name
    return 1 + LONG_FIRST.index(name) if name in LONG_FIRST else 1 + len(LONG_FIRST)


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """xdist's scheduler by scope, one test a scope, handed out on demand in collection order
    (longest first). When the controller does not serve the site, all of ``tests/browser/`` is
    one scope: one worker serves it and drives Chromium."""
    from xdist.scheduler import LoadScopeScheduling

    shared = os.environ.get(support.SERVED) == support.SITE_URL

    class OneTestAScope(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            if not shared and nodeid.startswith("tests/browser/"):
                return "tests/browser/"
            return nodeid

    return OneTestAScope(config, log)
