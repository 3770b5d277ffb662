"""``make bench`` counts an app's script as what the browser loads for it.

sitekit/bench.py reads the planner's and the playground's entry modules and follows their
imports (``module_graph``); here Chromium opens each app's page and the scripts it fetches beyond
those every page fetches must be exactly those modules, byte for byte.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest

from sitekit.bench import APPS, ROOT, module_graph

pytestmark = pytest.mark.browser

DOCS = ROOT / "docs"


def scripts_fetched(page: Any, path: str) -> dict[str, int]:
    """Path (relative to the site root) and size of each script the page at ``path`` loads."""
    fetched: dict[str, int] = {}

    def keep(response: Any) -> None:
        url = urlsplit(response.url).path
        if url.endswith(".js") and response.ok:
            fetched[url.lstrip("/")] = len(response.body())

    page.on("response", keep)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", keep)
    return fetched


@pytest.mark.parametrize("app", sorted(APPS))
def test_bench_counts_the_modules_the_app_loads(page: Any, app: str) -> None:
    url, entry, _ = APPS[app]
    everywhere = scripts_fetched(page, "")
    on_app = scripts_fetched(page, url)
    page.wait_for_function(
        "sel => document.querySelector(sel)?.children.length > 0", arg=f'[data-app="{app}"]'
    )
    own = {path: size for path, size in on_app.items() if path not in everywhere}
    modules = {m.relative_to(DOCS).as_posix(): m.stat().st_size for m in module_graph(ROOT / entry)}
    assert len(modules) > 1, f"{entry} imports nothing: the check would prove little"
    assert own == modules, f"loaded {sorted(own)}, bench counts {sorted(modules)}"
