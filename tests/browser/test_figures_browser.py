"""The figures in real Chromium, on the visual guide and on every page that shows one: every
figure loads with its alt text, every animation gets a working play/pause button, and readers
who ask for reduced motion get a still frame. Animations load only as they near the viewport
(javascripts/animation.js), so a check that needs them all scrolls each one into view, as a
reader would."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from test_figures import GUIDE, shown_figures

from snippets.figures import FIGURES

from .pages import axe_report, palette_for

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


# An animation's <img> until animation.js replaces it (one whose SVG could not be fetched stays,
# marked "static", and is left out: the count of inlined animations then says what is missing).
PENDING = '.md-content img[src*="assets/animations/"]:not([data-anim="static"])'
# animation.js starts fetching within this distance of the viewport (its NEAR); Chromium itself
# loads a lazy <img> within 1250 px on a fast connection and within 2500 px on a slow one.
NEAR = 1250
BROWSER_LAZY_MAX = 2500


def load_animations(page: Any, count: int) -> None:
    """Scroll each animation of the open page into view until all ``count`` are inlined."""
    # After instant navigation the address changes before the new content is in: wait for the
    # page's animations, in whatever state, or the loop below would find none yet and stop.
    present = f"document.querySelectorAll('{PENDING}, .md-content .anim').length >= {count}"
    page.wait_for_function(present)
    for _ in range(count):
        img = page.query_selector(PENDING)
        if img is None:
            break
        # It may have been inlined meanwhile (it was near already): then there is nothing to do.
        img.evaluate("img => img.isConnected && img.scrollIntoView({block: 'center'})")
        page.wait_for_function("img => !img.isConnected", arg=img)
    page.wait_for_function(f"document.querySelectorAll('.anim').length === {count}")


def open_gallery(page: Any) -> None:
    page.goto(GALLERY)
    load_animations(page, len(ANIMATED))


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
    load_animations(page, len(animated))
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
    page.wait_for_url("**/gallery/")
    load_animations(page, len(ANIMATED))
    assert page.evaluate("window.__no_reload") is True
    assert_clean(page)


# Where each animation of the page is (document coordinates of its <img> or its inlined box),
# whether it is inlined, and the viewport.
LAYOUT_JS = """
() => ({
  bottom: scrollY + innerHeight,
  items: [...document.querySelectorAll(
    '.md-content img[src*="assets/animations/"], .md-content .anim')].map((el) => ({
      src: new URL(el.dataset.src || el.getAttribute("src"), location.href).pathname,
      top: el.getBoundingClientRect().top + scrollY,
      inlined: el.classList.contains("anim"),
  })),
})
"""

# Play state and moving window of the animation inlined from the file at path ``src``.
STATE_OF_JS = """
(src) => {
  const box = [...document.querySelectorAll(".anim")].find(
    (b) => new URL(b.dataset.src, location.href).pathname === src);
  if (!box) return null;
  const style = getComputedStyle(box.querySelector("svg g.f-mv"));
  return {
    button: box.querySelector("button").textContent,
    play: style.animationPlayState,
    transform: style.transform,
  };
}
"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_gallery_fetches_only_the_animations_near_the_viewport(page: Any, motion: str) -> None:
    """A first visit to the guide's animations fetches those on screen or just below it, none
    far below; scrolling to a far one fetches it, and it plays (or, under reduced motion,
    shows its first frame, paused)."""
    requested: list[str] = []
    page.on(
        "request",
        lambda r: requested.append(urlsplit(r.url).path) if "/animations/" in r.url else None,
    )
    page.emulate_media(reduced_motion=motion)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(GALLERY + "#animations")
    page.wait_for_function("document.querySelector('.md-content .anim')")
    page.wait_for_load_state("networkidle")
    layout = page.evaluate(LAYOUT_JS)
    items = layout["items"]
    assert len(items) == len(ANIMATED), items
    on_screen = [a for a in items if a["top"] < layout["bottom"]]
    far = [a for a in items if a["top"] > layout["bottom"] + BROWSER_LAZY_MAX]
    assert on_screen and all(a["inlined"] for a in on_screen), on_screen
    # The guide is long enough for this check to mean something: most animations are far.
    assert len(far) >= len(items) // 2, f"only {len(far)} of {len(items)} are far below"
    fetched_far = sorted({a["src"] for a in far} & set(requested))
    assert not fetched_far, f"fetched before the reader came near: {fetched_far}"
    # Those the reader is about to reach are ready: fetched and inlined before they scroll in.
    near = [a for a in items if a["top"] < layout["bottom"] + NEAR]
    assert all(a["inlined"] for a in near), [a["src"] for a in near if not a["inlined"]]

    last = far[-1]["src"]
    page.locator(f'.md-content img[src$="{Path(last).name}"]').scroll_into_view_if_needed()
    page.wait_for_function(f"(src) => ({STATE_OF_JS})(src) !== null", arg=last)
    assert last in requested
    state = page.evaluate(STATE_OF_JS, last)
    if motion == "reduce":
        assert (state["button"], state["play"]) == ("Play animation", "paused"), state
        assert state["transform"] in ("none", "matrix(1, 0, 0, 1, 0, 0)"), state
    else:
        assert (state["button"], state["play"]) == ("Pause animation", "running"), state
        page.wait_for_timeout(1200)  # longer than one frame: a running window has moved
        assert page.evaluate(STATE_OF_JS, last)["transform"] != state["transform"]
    assert_clean(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_inlined_animations_pass_axe(page: Any, site_dir: Path, base_url: str, scheme: str) -> None:
    """Every animation inlined (its SVG, label and play/pause button): zero axe violations in
    the light and the dark palette."""
    page.context.add_init_script(palette_for(site_dir, scheme).init_script(base_url))
    open_gallery(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    results = Axe().run(page, context=".md-content")
    assert not results.violations_count, axe_report(results.response["violations"])
    assert_clean(page)


# animation.js, and only it, finds no IntersectionObserver (Material's own bundle needs one).
NO_OBSERVER_FOR_ANIMATIONS = """
const real = window.IntersectionObserver;
Object.defineProperty(window, "IntersectionObserver", {
  configurable: true,
  get() {
    const script = document.currentScript;
    if (script && script.src.endsWith("/javascripts/animation.js")) {
      window.__animationsAskedForObserver = true;
      return undefined;
    }
    return real;
  },
});
"""


def test_without_intersection_observer_every_animation_loads_at_once(page: Any) -> None:
    """A browser without IntersectionObserver gets every animation, as before lazy loading."""
    page.context.add_init_script(NO_OBSERVER_FOR_ANIMATIONS)
    page.goto(GALLERY)
    assert page.evaluate("window.__animationsAskedForObserver") is True
    page.wait_for_function(f"document.querySelectorAll('.anim').length === {len(ANIMATED)}")
    assert page.evaluate("scrollY") == 0, "the check must not have scrolled"
    assert page.locator(".anim button").first.inner_text() == "Pause animation"
    assert_clean(page)
