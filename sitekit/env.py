"""Where the site's tools and checks run: TensorFlow's variables, a Chromium, a local server.

The one home of each (``make bench``, ``make outputs``, the MkDocs hooks and ``tests/`` import
them from here):

- ``TF_ENV``: quiet TensorFlow, and printed numbers that do not depend on the CPU's oneDNN
  kernels. The Makefile exports the same values for shell-level commands; a test checks that
  the two agree.
- ``find_browser()``: a Chromium-family browser (``BROWSER_PATH`` first), and ``CHROMIUM_ARGS``
  for launching it headless.
- ``serve()``: a built site on a local address, quietly, for as long as a ``with`` block lasts.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path

TF_ENV: dict[str, str] = {
    # TensorFlow's C++ start-up log would leak into printed output.
    "TF_CPP_MIN_LOG_LEVEL": "2",
    # Printed values must not depend on the CPU's oneDNN kernels.
    "TF_ENABLE_ONEDNN_OPTS": "0",
    # Material 9.x prints an end-of-life banner on every build otherwise.
    "NO_MKDOCS_2_WARNING": "1",
}

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
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
HOW_TO_INSTALL_BROWSER = (
    "No Chrome or Chromium found for the browser checks. Install one "
    "(Debian/Ubuntu: `sudo apt-get install chromium`; macOS: install Google Chrome) "
    "or point BROWSER_PATH at a Chromium-based browser. `.ci/run` installs it in CI."
)


def quiet_tensorflow(environ: MutableMapping[str, str] | None = None) -> None:
    """Set each of ``TF_ENV`` in ``environ`` (``os.environ`` by default) unless already set.

    Call it before TensorFlow is imported: TensorFlow reads these once, at import.
    """
    target = os.environ if environ is None else environ
    for name, value in TF_ENV.items():
        target.setdefault(name, value)


def find_browser() -> str | None:
    """Path of a Chromium-family browser: ``BROWSER_PATH``, then the usual names; else None."""
    candidates = [
        os.environ.get("BROWSER_PATH"),
        "/usr/bin/chromium",
        *(shutil.which(name) for name in BROWSER_NAMES),
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, host: str = "127.0.0.1", port: int = 8000) -> Iterator[str]:
    """Serve the folder ``site`` on ``host:port`` while the block runs; yields its root URL.

    Raises OSError when the address is taken (``make serve`` running, say).
    """
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{port}/"
    finally:
        server.shutdown()
        server.server_close()
