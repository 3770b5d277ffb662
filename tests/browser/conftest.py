"""Fixtures for the browser checks: a built site, served on its site_url, and real Chromium.

The site is served on the host and port of ``SITE_URL`` (default http://127.0.0.1:8000/),
because Material's instant navigation only intercepts URLs under ``site_url``. With
``SITE_DIR`` set (``make test`` builds ``site/`` first) that build is reused; otherwise the
fixture runs a strict build of its own into a temporary folder.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOW_TO_INSTALL = (
    "No Chrome or Chromium found for the browser checks. Install one "
    "(Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome) "
    "or point BROWSER_PATH at a Chromium-based browser. `.ci/run` installs it in CI."
)


def find_browser() -> str:
    """Path of a Chromium-based browser, or fail with instructions (never skip)."""
    candidates = [
        os.environ.get("BROWSER_PATH"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
        shutil.which("google-chrome-stable"),
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.fail(HOW_TO_INSTALL, pytrace=False)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site: ``SITE_DIR`` if given, else a fresh strict build."""
    given = os.environ.get("SITE_DIR")
    if given:
        path = (ROOT / given).resolve()
        if not (path / "index.html").exists():
            pytest.fail(f"SITE_DIR={given} has no index.html: run `make site` first", pytrace=False)
        return path
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "SITE_URL": SITE_URL}
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """Serve the site on SITE_URL's host and port for the whole session."""
    parts = urlsplit(SITE_URL)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as error:
        pytest.fail(
            f"cannot serve the site on {host}:{port} ({error}). Stop whatever uses the port "
            f"(`make serve`?) or set SITE_URL to another local address.",
            pytrace=False,
        )
    server.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield SITE_URL
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Real Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    executable = find_browser()
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: object, base_url: str) -> Iterator[object]:
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
    context.close()
