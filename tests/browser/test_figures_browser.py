"""The figures in real Chromium, on the visual guide and on every page that shows one: every
figure loads with its alt text, every animation gets a working play/pause button, and readers
who ask for reduced motion get a still frame."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from test_figures import GUIDE, shown_figures

from snippets.figures import FIGURES

pytestmark = pytest.mark.browser

GALLERY = "gallery/"
STATIC = [f for f in FIGURES if not f.is_animation]
ANIMATED = [f for f in FIGURES if f.is_animation]

# Every figure and animation on the page, as the reader's browser has it.
REPORT_JS = """
async () => {
  const images = [];
  for (const img of document.querySelectorAll(".md-content img")) {
    img.loading = "eager";  // figures are lazy (sitekit/hooks.py): load them all now
    try { await img.decode(); } catch (error) { /* reported as not loaded */ }
    images.push({src: new URL(img.src).pathname, alt: img.alt, loaded: img.naturalWidth > 0});
  }
  const animations = [...document.querySelectorAll(".anim")].map((box) => ({
    src: new URL(box.dataset.src, location.href).pathname,
    label: box.querySelector("svg").getAttribute("aria-label"),
    role: box.querySelector("svg").getAttribute("role"),
    button: box.querySelector("button").textContent,
  }));
  return {images, animations};
}
"""

# Play state and current position of the moving window of animation number i.
STATE_JS = """
(i) => {
  const box = document.querySelectorAll(".anim")[i];
  const win = box.querySelector("svg g.f-mv");
  const style = getComputedStyle(win);
  return {
    button: box.querySelector("button").textContent,
    play: style.animationPlayState,
    transform: style.transform,
  };
}
"""


def site_path(base_url: str, figure_path: str) -> str:
    """The URL path a figure is served at."""
    return urlsplit(base_url).path + figure_path


def open_gallery(page: Any) -> None:
    page.goto(GALLERY)
    page.wait_for_function(f"document.querySelectorAll('.anim').length === {len(ANIMATED)}")


def page_url(src: str) -> str:
    """The site URL, relative to the base, of a page given relative to docs/."""
    stem = src.removesuffix(".md")
    return stem.removesuffix("index") if stem.split("/")[-1] == "index" else f"{stem}/"


# Every page but the guide that shows figures, with the figures it shows.
ON_PAGES = {page: shown for page, shown in shown_figures().items() if page != GUIDE}


def assert_clean(page: Any) -> None:
    assert not page.console_errors, page.console_errors
    assert not page.page_errors, page.page_errors
    assert not page.failed_requests, page.failed_requests
    assert not page.foreign_requests, page.foreign_requests


def test_every_figure_loads_with_its_alt_text(page: Any, base_url: str) -> None:
    open_gallery(page)
    report = page.evaluate(REPORT_JS)
    shown = {img["src"]: img for img in report["images"]}
    for figure in STATIC:
        img = shown.get(site_path(base_url, figure.path))
        assert img, f"{figure.path} is not on the gallery"
        assert img["loaded"], f"{figure.path} did not load"
        assert img["alt"] == figure.alt
    assert all(img["alt"].strip() for img in report["images"])
    # Animations are replaced by the inline SVG, named by the alt text the page gave them.
    inlined = {a["src"]: a for a in report["animations"]}
    for figure in ANIMATED:
        box = inlined[site_path(base_url, figure.path)]
        assert box["label"] == figure.alt
        assert box["role"] == "img"
        assert box["button"] == "Pause animation"
    assert_clean(page)


@pytest.mark.parametrize("src", sorted(ON_PAGES))
def test_figures_on_the_pages_load_with_their_alt_text(page: Any, base_url: str, src: str) -> None:
    """Outside the guide too: each image loads, with its definition's alt text, and each
    animation becomes the inline SVG with its play/pause button."""
    alts = {f.path: f.alt for f in FIGURES}
    animated = [path for path, _ in ON_PAGES[src] if path.startswith("assets/animations/")]
    static = [path for path, _ in ON_PAGES[src] if path not in animated]
    page.goto(page_url(src))
    page.wait_for_function(f"document.querySelectorAll('.anim').length === {len(animated)}")
    report = page.evaluate(REPORT_JS)
    shown = {img["src"]: img for img in report["images"]}
    for path in static:
        img = shown.get(site_path(base_url, path))
        assert img, f"{path} is not on {page_url(src)}"
        assert img["loaded"], f"{path} did not load on {page_url(src)}"
        assert img["alt"] == alts[path], path
    inlined = {a["src"]: a for a in report["animations"]}
    for path in animated:
        box = inlined[site_path(base_url, path)]
        assert (box["label"], box["role"], box["button"]) == (alts[path], "img", "Pause animation")
    assert_clean(page)


def test_play_pause_button_toggles_by_mouse_and_keyboard(page: Any) -> None:
    open_gallery(page)
    assert page.evaluate(STATE_JS, 0)["play"] == "running"
    button = page.locator(".anim button").first
    button.click()
    paused = page.evaluate(STATE_JS, 0)
    assert paused["button"] == "Play animation"
    assert paused["play"] == "paused"
    page.wait_for_timeout(1200)  # longer than one frame: a running window would have moved
    assert page.evaluate(STATE_JS, 0)["transform"] == paused["transform"]
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate(STATE_JS, 0) | {"transform": None} == {
        "button": "Pause animation",
        "play": "running",
        "transform": None,
    }
    page.keyboard.press("Space")
    assert page.evaluate(STATE_JS, 0)["play"] == "paused"
    # The other animations kept playing.
    assert page.evaluate(STATE_JS, 1)["play"] == "running"
    assert_clean(page)


def test_reduced_motion_starts_paused_on_the_first_frame(page: Any) -> None:
    page.emulate_media(reduced_motion="reduce")
    open_gallery(page)
    for i in range(len(ANIMATED)):
        state = page.evaluate(STATE_JS, i)
        assert state["play"] == "paused", ANIMATED[i].path
        assert state["button"] == "Play animation"
        assert state["transform"] in ("none", "matrix(1, 0, 0, 1, 0, 0)"), state
    # The reader can still choose to play one.
    page.locator(".anim button").first.click()
    assert page.evaluate(STATE_JS, 0)["play"] == "running"
    assert_clean(page)


def test_instant_navigation_wires_the_animations(page: Any) -> None:
    page.goto("")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate("window.__no_reload = true")
    # The home page's sidebar holds its own tab only (navigation.prune): go by the Tools tab.
    page.locator("nav.md-tabs a.md-tabs__link", has_text="Tools").click()
    page.locator('nav.md-nav--primary a[href$="gallery/"]').first.click()
    page.wait_for_function(f"document.querySelectorAll('.anim').length === {len(ANIMATED)}")
    assert page.evaluate("window.__no_reload") is True
    assert_clean(page)
