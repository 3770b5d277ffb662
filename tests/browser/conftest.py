"""Fixtures for the browser checks: the built site served on its site_url, and real Chromium.

The site (``site_dir``, from ``tests/conftest.py``: ``SITE_DIR`` or one strict build per session)
is served on the host and port of ``SITE_URL`` (default http://127.0.0.1:8000/), because
Material's instant navigation only intercepts URLs under ``site_url``. When a test that uses
``page`` fails, the page as it was (a full-page screenshot and its HTML) is saved under
``test-artifacts/failures/`` (CI uploads the folder).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from support import ROOT, SERVED, SITE_URL, port_taken

from sitekit.check import page_dependencies
from sitekit.env import CHROMIUM_ARGS, HOW_TO_INSTALL_BROWSER, find_browser, serve

from .pages import page_paths

FAILURES = ROOT / "test-artifacts" / "failures"
_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator[None]:
    """Keep each phase's report on the item, for the ``page`` fixture's teardown to read."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The site on SITE_URL's host and port for the whole session: served here, or by the
    controller of a parallel run (tests/conftest.py)."""
    if os.environ.get(SERVED) == SITE_URL:  # a parallel run's controller serves it
        yield SITE_URL
        return
    parts = urlsplit(SITE_URL)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    with ExitStack() as stack:
        try:
            stack.enter_context(serve(site_dir, host, port))
        except OSError as error:
            pytest.fail(port_taken(host, port, error), pytrace=False)
        yield SITE_URL


@pytest.fixture(scope="session")
def pages_to_check(site_dir: Path, request: pytest.FixtureRequest) -> list[str]:
    """The built pages a test that checks every page visits (paths relative to the site root):
    all of them, or with ``--page`` (``make check PAGE=...``) that page only."""
    built = page_paths(site_dir)
    page = request.config.getoption("--page")
    if page is None:
        return built
    url = page_dependencies(page).url
    if url not in built:
        pytest.fail(f"--page={page}: the build has no page at /{url}", pytrace=False)
    return [url]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Real Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = find_browser()
    if executable is None:
        pytest.fail(HOW_TO_INSTALL_BROWSER, pytrace=False)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _save_failure(page: object, nodeid: str) -> None:
    """A full-page screenshot and the HTML of the page a failed test left open."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", nodeid.removeprefix("tests/browser/")).strip("-")
    FAILURES.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=FAILURES / f"{slug[:150]}.png", full_page=True)  # type: ignore[attr-defined]
        html = page.content()  # type: ignore[attr-defined]
    except Exception as error:  # a crashed page or closed context: say so, do not mask the failure
        html = f"<!-- no snapshot: {error} -->"
    (FAILURES / f"{slug[:150]}.html").write_text(html, encoding="utf-8")


@pytest.fixture
def page(browser: object, base_url: str, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh page that records console errors, page errors and requests to other hosts."""
    context = browser.new_context(base_url=base_url)  # type: ignore[attr-defined]
    page = context.new_page()
    page.console_errors = []
    page.page_errors = []
    page.foreign_requests = []
    page.failed_requests = []
    origin = urlsplit(base_url)
    page.on(
        "console",
        lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    page.on(
        "request",
        lambda req: (
            page.foreign_requests.append(req.url)
            if urlsplit(req.url).netloc not in ("", origin.netloc)
            and not req.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    page.on("requestfailed", lambda req: page.failed_requests.append(req.url))
    yield page
    reports = request.node.stash.get(_REPORTS, {})
    if "call" in reports and reports["call"].failed:
        _save_failure(page, request.node.nodeid)
    context.close()
