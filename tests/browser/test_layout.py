"""The playground and the planner lead with the picture, in real Chromium.

On a laptop's first screen (1280 x 800) the playground's grids and numbers, and the planner's
first layers with their outputs, show without scrolling. On a phone (390 x 844) the controls fold
under a summary that Chromium announces as a collapsed disclosure, Enter opens them, nothing
makes the page scroll sideways, and the results are on the first screen.
"""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .pages import set_palette

pytestmark = [
    pytest.mark.browser,
    pytest.mark.pages("docs/playground/index.md", "docs/planner/index.md"),
]

LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PRESET_VGG = "?in=224x224&c=3&l=" + ";".join(
    ["conv,k=3,p=same,c=64"] * 2 + ["maxpool"] + ["conv,k=3,p=same,c=128"] * 2 + ["maxpool"]
)

RESULTS = ["out-h", "out-w", "pad-top", "pad-bottom", "pad-left", "pad-right"]


def open_app(page: Any, size: dict[str, int], path: str, app: str) -> None:
    """Open ``path`` at ``size`` and wait for its app to be ready."""
    page.set_viewport_size(size)
    page.goto(path)
    page.wait_for_selector(f"[data-app={app}][data-ready]")


def off_screen(page: Any, selectors: list[str], size: dict[str, int]) -> list[str]:
    """Each selector whose element is not wholly inside the first screen, with its box."""
    assert page.evaluate("window.scrollY") == 0, "the page scrolled by itself"
    found = []
    for selector in selectors:
        box = page.locator(selector).bounding_box()
        inside = (
            box is not None
            and box["width"] > 0
            and box["height"] > 0
            and box["x"] >= 0
            and box["y"] >= 0
            and box["x"] + box["width"] <= size["width"]
            and box["y"] + box["height"] <= size["height"]
        )
        if not inside:
            found.append(f"{selector}: {box}")
    return found


def disclosure(page: Any, name_start: str) -> bool:
    """Whether Chromium's accessibility tree, what a screen reader announces, has the one
    disclosure whose name starts with ``name_start`` expanded."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    session.detach()
    hits = [
        n
        for n in nodes
        if n.get("role", {}).get("value") == "DisclosureTriangle"
        and str(n.get("name", {}).get("value", "")).startswith(name_start)
    ]
    assert len(hits) == 1, f"{len(hits)} disclosures named {name_start!r}"
    states = {p["name"]: p["value"]["value"] for p in hits[0].get("properties", [])}
    return states["expanded"]


def page_width(page: Any) -> int:
    """How wide the page scrolls: wider than the viewport means it scrolls sideways."""
    return page.evaluate("document.scrollingElement.scrollWidth")


def axe_violations(page: Any) -> list[str]:
    """Axe's violations in the content area (test_site.py checks the header's tabs)."""
    results = Axe().run(page, context=".md-content")
    violations = results.response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in violations]


def assert_clean(page: Any) -> None:
    """No console error, page error or request to another host happened."""
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors
    assert page.foreign_requests == [], page.foreign_requests


def test_playground_first_screen_shows_grid_and_results(page: Any) -> None:
    """1280 x 800: both grids and all six numbers are on the first screen, the controls open."""
    open_app(page, LAPTOP, "playground/", "playground")
    selectors = [".pg-figure .pg-grid:not(.pg-grid--out)", ".pg-grid--out", ".pg-stepper"]
    selectors += [f"[data-testid={name}]" for name in RESULTS]
    selectors += ["[data-testid=op]", "[data-testid=padding]", "[data-testid=dw]"]
    assert off_screen(page, selectors, LAPTOP) == []
    # The default configuration is drawn, so the boxes above are the real grids.
    assert page.get_attribute(".pg-view", "data-state") == "drawn"
    assert page.inner_text("[data-testid=out-h]") == "4"
    # Wide, the panel is open and its summary, which would only push the grid down, hidden.
    assert page.evaluate("document.querySelector('[data-testid=controls]').open") is True
    assert page.locator("[data-testid=controls-summary]").is_hidden()
    assert page_width(page) <= LAPTOP["width"]
    assert_clean(page)


def test_planner_first_screen_shows_the_layer_table(page: Any) -> None:
    """1280 x 800: the default model's four layers, their fields, outputs and edit buttons,
    and the first rows of a longer preset, are on the first screen."""
    open_app(page, LAPTOP, "planner/", "planner")
    selectors = [".pl-table thead"]
    for i in range(1, 5):
        selectors += [f"[data-testid=layer-{i}-{part}]" for part in ("kind", "out", "pads", "rf")]
        selectors += [f"[data-testid=layer-{i}-macs]", f"[data-testid=layer-{i}-remove]"]
    selectors += ["[data-testid=layer-1-k]", "[data-testid=layer-3-op]", "[data-testid=planner-in]"]
    assert off_screen(page, selectors, LAPTOP) == []
    assert page.inner_text("[data-testid=layer-3-out]") == "34×34"
    assert page.locator("[data-testid=layer-1-summary]").is_hidden()
    # A longer model: its first rows still start on the first screen.
    open_app(page, LAPTOP, "planner/" + PRESET_VGG, "planner")
    rows = [f"[data-testid=layer-{i}-out]" for i in (1, 2, 3)]
    assert off_screen(page, rows, LAPTOP) == []
    assert page.inner_text("[data-testid=layer-3-out]") == "112×112"
    assert page_width(page) <= LAPTOP["width"]
    assert_clean(page)


def test_playground_controls_fold_on_a_phone(page: Any) -> None:
    """390 x 844: the controls start folded under a summary of what is set, announced as a
    collapsed disclosure; the numbers and the grid are on the first screen; Enter opens the
    controls, Tab reaches them, an edit shows in the summary; wider, the panel opens."""
    open_app(page, PHONE, "playground/", "playground")
    summary = page.locator("[data-testid=controls-summary]")
    assert page.evaluate("document.querySelector('[data-testid=controls]').open") is False
    assert page.locator("[data-testid=op]").is_hidden()
    assert "Convolution, same · input 7 × 6 · kernel 3 × 3 · stride 2 × 2" in summary.inner_text()
    assert disclosure(page, "Settings") is False
    selectors = [f"[data-testid={name}]" for name in RESULTS]
    selectors += ["[data-testid=controls-summary]", ".pg-figure .pg-grid:not(.pg-grid--out)"]
    assert off_screen(page, selectors, PHONE) == []
    assert page_width(page) <= PHONE["width"]

    # The keyboard alone: Tab to the summary, Enter opens it, Tab goes on into the controls.
    page.focus("[data-testid=controls-summary]")
    page.keyboard.press("Enter")
    assert disclosure(page, "Settings") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "op"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "h"
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.inner_text("[data-testid=out-h]") == "5"
    assert "input 9 × 6" in summary.inner_text()
    assert page_width(page) <= PHONE["width"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "controls-summary"
    page.keyboard.press("Space")
    assert page.locator("[data-testid=op]").is_hidden()
    # The result stays reachable: scrolled to, it is on screen and inside the width.
    page.locator("[data-testid=pad-right]").scroll_into_view_if_needed()
    box = page.locator("[data-testid=pad-right]").bounding_box()
    assert box is not None and box["x"] + box["width"] <= PHONE["width"]
    # An example link in the prose loads its settings; folded, the summary takes the focus.
    page.locator("a", has_text="a 5 × 5 input pooled 2 × 2 with stride 2").click()
    assert page.evaluate("document.activeElement.dataset.testid") == "controls-summary"
    assert "Average pooling, same · input 5 × 5 · pool 2 × 2" in summary.inner_text()
    assert page.inner_text("[data-testid=out-h]") == "3"
    # Turned to a wider screen, the controls open and the summary goes.
    page.set_viewport_size(LAPTOP)
    page.wait_for_function("document.querySelector('[data-testid=controls]').open")
    assert summary.is_hidden() and page.locator("[data-testid=op]").is_visible()
    assert_clean(page)


def test_planner_layer_fields_fold_on_a_phone(page: Any) -> None:
    """390 x 844: each layer's fields fold under its address, announced as a collapsed
    disclosure, so the output column is on the first screen and the page never scrolls
    sideways; Enter opens a layer, edits update its summary, and a rebuild keeps it open."""
    open_app(page, PHONE, "planner/", "planner")
    for i in range(1, 5):
        assert (
            page.evaluate(f"document.querySelector('[data-testid=layer-{i}-editor]').open") is False
        )
    assert page.locator("[data-testid=layer-1-kind]").is_hidden()
    assert page.inner_text("[data-testid=layer-1-summary] code") == "conv k=3 s=2 p=same"
    assert disclosure(page, "Layer 1: conv k=3 s=2 p=same") is False
    selectors = ["[data-testid=layer-1-summary]", "[data-testid=layer-1-out]"]
    assert off_screen(page, selectors, PHONE) == []
    assert page_width(page) <= PHONE["width"]

    page.focus("[data-testid=layer-1-summary]")
    page.keyboard.press("Enter")
    assert disclosure(page, "Layer 1: conv") is True
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "layer-1-kind"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "layer-1-s"
    page.keyboard.press("Backspace")
    page.keyboard.type("1")
    assert page.inner_text("[data-testid=layer-1-out]") == "33×33"
    assert page.inner_text("[data-testid=layer-1-summary] code") == "conv k=3 s=1 p=same"
    assert page_width(page) <= PHONE["width"]
    # A new kind rebuilds the table: the open layer stays open, the others stay folded.
    page.select_option("[data-testid=layer-1-kind]", "maxpool")
    assert page.evaluate("document.activeElement.dataset.testid") == "layer-1-kind"
    assert page.evaluate("document.querySelector('[data-testid=layer-1-editor]').open") is True
    assert page.evaluate("document.querySelector('[data-testid=layer-2-editor]').open") is False
    assert page.inner_text("[data-testid=layer-1-summary] code").startswith("maxpool")
    # Adding a layer opens its fields, where the focus lands.
    page.click("[data-testid=planner-add]")
    assert page.evaluate("document.activeElement.dataset.testid") == "layer-5-kind"
    assert page.locator("[data-testid=layer-5-kind]").is_visible()
    assert page_width(page) <= PHONE["width"]
    page.set_viewport_size(LAPTOP)
    page.wait_for_function("document.querySelector('[data-testid=layer-2-editor]').open")
    assert page.locator("[data-testid=layer-2-summary]").is_hidden()
    assert page.locator("[data-testid=layer-2-k]").is_visible()
    assert_clean(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_folded_apps_pass_axe_on_a_phone(page: Any, scheme: str) -> None:
    """Zero axe violations at phone width in both palettes, with the controls folded and open."""
    open_app(page, PHONE, "playground/", "playground")
    set_palette(page, scheme)
    assert axe_violations(page) == []
    page.click("[data-testid=controls-summary]")
    assert page.locator("[data-testid=op]").is_visible()
    assert axe_violations(page) == []
    open_app(page, PHONE, "planner/", "planner")
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
    assert axe_violations(page) == []
    page.click("[data-testid=layer-3-summary]")
    assert page.locator("[data-testid=layer-3-op]").is_visible()
    assert axe_violations(page) == []
    assert_clean(page)


def test_folding_respects_reduced_motion(page: Any) -> None:
    """The summaries' chevrons turn without animation when the reader asks for less motion."""
    page.emulate_media(reduced_motion="reduce")
    duration = (
        "(sel) => getComputedStyle(document.querySelector(sel), '::after').transitionDuration"
    )
    open_app(page, PHONE, "playground/", "playground")
    assert page.evaluate(duration, "[data-testid=controls-summary]") == "0s"
    open_app(page, PHONE, "planner/", "planner")
    assert page.evaluate(duration, "[data-testid=layer-1-summary]") == "0s"
    page.emulate_media(reduced_motion="no-preference")
    assert page.evaluate(duration, "[data-testid=layer-1-summary]") != "0s"
    assert_clean(page)
