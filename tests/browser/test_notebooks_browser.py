"""Notebook pages in real Chromium: outputs, described plots, working links, light and accessible.

For every notebook (``docs/notebooks/*.py``) and both palettes: the executed outputs are on the
page, each plot carries exactly the description its cell declares, the download link serves the
committed .ipynb, the Colab link points at that file in the repository, nothing is asked of another
host, nothing fails, the page with everything it loads stays under the weight budget, and axe-core
finds no violation. Screenshots land in ``test-artifacts/screenshots/notebooks-*``.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from sitekit.notebooks import NOTEBOOKS, colab_url, figure_descriptions, notebook_scripts

from .pages import MEDIA_REPORT_JS, axe_report, media_problems, palette_for, url_of

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
REPO_URL = "https://github.com/conv-arithmetic/padding-stride-tf"
PALETTES = {"light": "default", "dark": "slate"}
# The page's HTML and every same-origin file it loads (theme, styles, scripts, sitemap),
# uncompressed. nbconvert's inline CSS alone would be 650 KB. The search index is left out:
# Material's search worker fetches it for the whole site, whichever page is open, and it grows
# with every page (code cells of notebooks are kept out of it, see sitekit/notebooks.py).
BUDGET = 500 * 1000
SEARCH_INDEX = "search/search_index.json"
SCRIPTS = notebook_scripts()


def declared_descriptions(script: Path) -> list[str]:
    """Every ``#| fig-alt`` of the notebook, in order."""
    import jupytext

    cells = jupytext.read(script).cells
    return [d for c in cells if c.cell_type == "code" for d in figure_descriptions(c.source)]


def test_there_are_notebooks_with_plots() -> None:
    assert len(SCRIPTS) >= 3
    assert sum(len(declared_descriptions(s)) for s in SCRIPTS) >= 3


@pytest.mark.parametrize("palette", list(PALETTES))
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_notebook_page(
    page: Any, site_dir: Path, base_url: str, script: Path, palette: str
) -> None:
    chosen = palette_for(site_dir, PALETTES[palette])
    page.context.add_init_script(chosen.init_script(base_url))
    loaded: dict[str, int] = {}

    def record(response: Any) -> None:
        if response.url.startswith(base_url) and response.status < 300:
            loaded[response.url] = len(response.body())

    page.on("response", record)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url_of(base_url, f"notebooks/{script.stem}/"))
    page.wait_for_load_state("networkidle")
    problems: list[str] = []

    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == chosen.scheme, f"colour scheme is {scheme!r}, expected {chosen.scheme!r}"

    # Outputs: what the cells printed during the build, as Material code blocks.
    outputs = page.locator(".jupyter-wrapper .jp-OutputArea-output.highlight code")
    if outputs.count() < 2:
        problems.append(f"only {outputs.count()} printed output(s) on the page")
    stderr = page.locator(".jupyter-wrapper [data-mime-type*=stderr]")
    if stderr.count():
        problems.append(f"stderr output on the page: {stderr.first.text_content()!r}")

    # Plots: loaded, and described with exactly what their cells declare, in order.
    report = page.evaluate(MEDIA_REPORT_JS)
    problems += media_problems(report)
    plots = [i for i in report["images"] if i["src"].startswith("data:image/")]
    shown = [html.unescape(i["alt"] or "") for i in plots]
    if shown != declared_descriptions(script):
        problems.append(f"plot descriptions {shown!r} differ from the cells' #| fig-alt lines")

    # Download: the committed .ipynb, served by the site.
    download = page.locator(".notebook-actions a[download]")
    href = download.get_attribute("href") or ""
    response = page.request.get(url_of(page.url, href))
    if response.status != 200:
        problems.append(f"download link {href!r} answers HTTP {response.status}")
    elif response.body() != (NOTEBOOKS / f"{script.stem}.ipynb").read_bytes():
        problems.append(f"download link {href!r} serves something else than the committed copy")
    else:
        assert json.loads(response.body())["nbformat"] == 4

    # Colab: a plain link (never fetched) to the committed copy in the repository.
    colab = page.locator(".notebook-actions a[href*='colab.research.google.com']")
    want = colab_url(REPO_URL, script.stem)
    if colab.count() != 1 or colab.get_attribute("href") != want:
        problems.append(f"no Colab link to {want}")
    path_in_repo = re.sub(r"^.*/blob/main/", "", want)
    assert (ROOT / path_in_repo).is_file(), f"the Colab link points at {path_in_repo}: missing"

    results = Axe().run(page)
    if results.violations_count:
        problems.append(f"axe:\n{axe_report(results.response['violations'])}")

    assert any(url.endswith(".css") for url in loaded), f"no stylesheet seen loading: {loaded}"
    weight = sum(size for url, size in loaded.items() if not url.endswith(SEARCH_INDEX))
    if weight > BUDGET:
        heavy = sorted(loaded.items(), key=lambda item: -item[1])[:6]
        problems.append(f"page weight {weight} bytes > {BUDGET}; heaviest: {heavy}")

    for name in ("console_errors", "page_errors", "failed_requests", "foreign_requests"):
        problems += [f"{name.replace('_', ' ')}: {item}" for item in getattr(page, name)]

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"notebooks-{script.stem}-{palette}.png", full_page=True)
    assert not problems, f"notebooks/{script.stem}/ ({palette}):\n" + "\n".join(problems)


def test_title_links_are_reachable_by_keyboard(page: Any, base_url: str) -> None:
    """Tab from the title's permalink reaches the download link, then the Colab link."""
    page.goto(url_of(base_url, f"notebooks/{SCRIPTS[0].stem}/"))
    page.locator("article h1 a.headerlink").focus()
    reached = []
    for _ in range(2):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.textContent.trim()"))
    assert reached == ["Download the notebook (.ipynb)", "Open it in Google Colab"], reached
