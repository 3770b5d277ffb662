"""Every page of the built site, in real Chromium, in the light and the dark palette.

Pages are discovered from the built site (every HTML file but the theme's assets), so a new page
is checked without being listed here. Each page must load without a console error, a page
error, a failed request or a request to another host; pass axe-core with zero violations; show
every image with real alt text; show no markup as text. With ``SCREENSHOTS=1`` (the GitHub
workflow sets it, and uploads them) full-page screenshots of every page at desktop and phone
widths land in ``test-artifacts/screenshots/``: they are for people to look at, no assertion reads
them, and they cost a fifth of this check's time, so a local ``make test`` leaves them out. The
interactive parts of the theme (copy button, search, palette toggle, instant navigation) are
driven as a reader would.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .pages import (
    MEDIA_REPORT_JS,
    PROSE_JS,
    axe_report,
    leaked_markup,
    media_problems,
    page_paths,
    page_title,
    palette_for,
    screenshot_name,
    sitemap_paths,
    url_of,
)

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
TAKE_SCREENSHOTS = os.environ.get("SCREENSHOTS") == "1"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
PALETTES = {"light": "default", "dark": "slate"}
COPY_BUTTON = "button.md-code__button[data-md-type=copy]"


def _open(page: Any, url: str) -> None:
    # Waiting for the network to settle lets the theme's own fetches (search index, sitemap)
    # finish here, so none is cut short by the next page and blamed on it.
    page.goto(url)
    page.wait_for_load_state("networkidle")


# What the ``page`` fixture (and this module) records on the page, and how to report it.
RECORDS = {
    "console_errors": "console error",
    "page_errors": "page error",
    "failed_requests": "failed request",
    "foreign_requests": "request to another host",
    "bad_status": "HTTP error",
}


def _marks(page: Any) -> dict[str, int]:
    return {name: len(getattr(page, name)) for name in RECORDS}


def _new_since(marks: dict[str, int], page: Any) -> list[str]:
    return [
        f"{RECORDS[name]}: {item}"
        for name, start in marks.items()
        for item in getattr(page, name)[start:]
    ]


def _check_copy_button(page: Any) -> list[str]:
    """Click the page's first copy button; the clipboard must then hold that block's code."""
    button = page.locator(COPY_BUTTON).first
    target = button.get_attribute("data-clipboard-target")
    if not target:
        return [f"copy button has no data-clipboard-target: {button.evaluate('b => b.outerHTML')}"]
    expected = page.locator(target).text_content() or ""
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    if copied.rstrip("\n") != expected.rstrip("\n"):
        return [f"copy button copied {copied[:80]!r}, expected the code {expected[:80]!r}"]
    return []


def test_pages_are_found_and_sitemap_lists_only_real_pages(site_dir: Path, base_url: str) -> None:
    pages = page_paths(site_dir)
    assert "" in pages, f"no home page (index.html) in {site_dir}"
    missing = [p for p in sitemap_paths(site_dir, base_url) if p not in pages]
    assert not missing, f"sitemap.xml lists pages that were not built: {missing}"


@pytest.mark.parametrize("palette", list(PALETTES))
def test_every_page(
    page: Any, site_dir: Path, base_url: str, palette: str, pages_to_check: list[str]
) -> None:
    """Clean load, zero axe violations, images with alt text, no markup shown as text,
    screenshots (with ``SCREENSHOTS=1``); in the light pass, the first copy button copies its
    code. Every page, or the one ``--page`` names (``pages_to_check``)."""
    chosen = palette_for(site_dir, PALETTES[palette])
    page.context.add_init_script(chosen.init_script(base_url))
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    page.bad_status = []
    page.on(
        "response",
        lambda r: page.bad_status.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob(f"*-{palette}-*.jpg"):  # an earlier run's would pass for this one's
        old.unlink()
    axe = Axe()

    problems: dict[str, list[str]] = {}
    for path in pages_to_check:
        found: list[str] = []
        marks = _marks(page)
        page.set_viewport_size(DESKTOP)  # axe and the copy check run at desktop width
        page.goto(url_of(base_url, path))

        scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
        if scheme != chosen.scheme:
            found.append(f"colour scheme is {scheme!r}, expected {chosen.scheme!r}")

        results = axe.run(page)
        if results.violations_count:
            violations = results.response["violations"]
            found.append(f"{results.violations_count} axe violation(s):\n{axe_report(violations)}")

        found += media_problems(page.evaluate(MEDIA_REPORT_JS))
        found += leaked_markup(page.evaluate(PROSE_JS))

        if palette == "light" and page.locator(COPY_BUTTON).count():
            found += _check_copy_button(page)

        for size in (DESKTOP, PHONE) if TAKE_SCREENSHOTS else ():
            page.set_viewport_size(size)
            shot = SCREENSHOTS / screenshot_name(path, palette, size["width"])
            page.screenshot(path=shot, full_page=True, type="jpeg", quality=80)

        # By now the theme's own fetches are long done: this returns at once, and only waits
        # (rather than blaming the next page for a cut-off request) when one is still running.
        page.wait_for_load_state("networkidle")
        found += _new_since(marks, page)
        if found:
            problems[path or "(home)"] = found

    report = "\n".join(
        f"{path}:\n" + "\n".join(f"  - {p}" for p in found) for path, found in problems.items()
    )
    assert not problems, f"{palette} palette: problems on {len(problems)} page(s):\n{report}"


def test_search_finds_a_page_by_its_title(page: Any, site_dir: Path, base_url: str) -> None:
    """Typing (key by key, as Material listens for keys) a page's title finds that page."""
    target = next(p for p in page_paths(site_dir) if p.endswith("/"))
    word = max(page_title(site_dir, target).split(), key=len)
    _open(page, base_url)
    page.keyboard.press("/")  # Material's shortcut: search is usable from the keyboard
    query = page.locator("input.md-search__input")
    assert query.evaluate("el => el === document.activeElement"), "'/' did not focus search"
    query.press_sequentially(word, delay=30)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map(a => a.href.split('#')[0].split('?')[0])")
    assert url_of(base_url, target) in hrefs, f"searching {word!r} did not find {target}: {hrefs}"
    assert not page.console_errors and not page.page_errors, page.console_errors + page.page_errors


def test_palette_toggle_switches_and_remembers(page: Any, site_dir: Path, base_url: str) -> None:
    """The header toggle turns the light palette dark, and the choice survives a reload."""
    light = palette_for(site_dir, "default")
    dark = palette_for(site_dir, "slate")
    page.context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f"{light.init_script(base_url)} sessionStorage.setItem('seeded', '1'); }}"
    )
    _open(page, base_url)
    body = page.locator("body")
    background = "getComputedStyle(document.body).backgroundColor"
    assert body.get_attribute("data-md-color-scheme") == light.scheme
    light_background = page.evaluate(background)
    page.locator(f"label.md-header__button[for='__palette_{dark.index}']").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{dark.scheme}'")
    dark_background = page.evaluate(background)
    assert dark_background != light_background, "the scheme changed but the colours did not"
    page.reload()
    assert body.get_attribute("data-md-color-scheme") == dark.scheme, "choice not remembered"
    assert page.evaluate(background) == dark_background


def test_instant_navigation_swaps_content_without_reload(
    page: Any, site_dir: Path, base_url: str
) -> None:
    """Following a nav link changes the URL and the content, but keeps the same document."""
    pages = set(page_paths(site_dir))
    page.set_viewport_size(DESKTOP)
    _open(page, base_url)
    page.evaluate("window.__sameDocument = true")
    links = page.locator("nav.md-nav--primary a.md-nav__link[href]")
    # Links to other pages that the reader can see (the sidebar also holds hidden TOC anchors).
    hrefs = links.evaluate_all("links => links.map(a => a.checkVisibility() ? a.href : '')")
    index, target = next(
        (i, h)
        for i, h in enumerate(hrefs)
        if h and "#" not in h and h != page.url and h.removeprefix(base_url) in pages
    )
    title = page_title(site_dir, target.removeprefix(base_url))
    links.nth(index).click()
    page.wait_for_url(target)
    page.wait_for_function(
        "title => document.querySelector('.md-content h1')?.textContent.includes(title)", arg=title
    )
    assert page.evaluate("window.__sameDocument === true"), "the click reloaded the whole page"
    assert not page.console_errors and not page.page_errors, page.console_errors + page.page_errors


def _tabs() -> list[tuple[str, list[str]]]:
    """The header's tabs, from mkdocs.yml: each top-level nav title and its pages' site paths."""
    from sitekit.cards import nav_entries, nav_from_config

    def path(doc: str) -> str:
        stem = doc.rsplit(".", 1)[0]
        return "" if stem == "index" else stem.removesuffix("index") or stem + "/"

    nav = nav_from_config((Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text("utf-8"))
    tabs = []
    for item in nav:
        ((title, value),) = item.items()
        docs = [doc for _, doc in nav_entries(value)]
        tabs.append(
            (title, [p if p.endswith("/") or p == "" else p + "/" for p in map(path, docs)])
        )
    return tabs


# A link to another page (not to a heading of this one) that a reader can see.
VISIBLE_PAGE_LINK = "a => a.checkVisibility() && !a.href.includes('#')"


def _visible_page_links(page: Any, selector: str) -> list[str]:
    """Where the visible page links under ``selector`` lead. Instant navigation may still be
    swapping the content in (the address is right before it is), so this first waits, up to
    5 s, for one such link; with none by then, the list is empty, for the caller to report."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            f"sel => [...document.querySelectorAll(sel)].some({VISIBLE_PAGE_LINK})",
            arg=selector,
            timeout=5_000,
        )
    return page.locator(selector).evaluate_all(
        f"links => links.filter({VISIBLE_PAGE_LINK}).map(a => a.href)"
    )


def test_tabs_lead_to_each_section_with_its_sidebar(page: Any, base_url: str) -> None:
    """At desktop width the header shows one tab per top-level section; each leads to the
    section's first page, is then the active tab, and the sidebar lists that section only."""
    tabs = _tabs()
    assert len(tabs) >= 4, tabs
    page.set_viewport_size(DESKTOP)
    _open(page, base_url)
    links = page.locator("nav.md-tabs a.md-tabs__link")
    assert links.first.is_visible(), "no tabs in the header at desktop width"
    shown = [" ".join(t.split()) for t in links.all_inner_texts()]
    assert shown == [title for title, _ in tabs]
    for index, (title, pages) in enumerate(tabs):
        links.nth(index).click()
        page.wait_for_url(url_of(base_url, pages[0]))
        # Instant navigation changes the address before it swaps the header: wait for the swap.
        active = page.locator("nav.md-tabs .md-tabs__item--active")
        expect(active).to_have_text(re.compile(rf"^\s*{re.escape(title)}\s*$"))
        # The first tab leads to the page the test starts on, so the address is right at once
        # and the sidebar may still be mid-swap: _visible_page_links waits for it.
        sidebar = _visible_page_links(page, "nav.md-nav--primary a.md-nav__link[href]")
        paths = {href.removeprefix(base_url) for href in sidebar}
        assert paths, f"{title}: the sidebar shows no page"
        assert paths <= set(pages), f"{title}: the sidebar shows other sections' pages: " + str(
            sorted(paths - set(pages))
        )
    assert not page.console_errors and not page.page_errors, page.console_errors + page.page_errors


def test_phone_drawer_lists_every_section(page: Any, base_url: str) -> None:
    """At phone width the tabs give way to the drawer: it opens on the page's own section, whose
    back arrow shows every section, and each leads to its first page."""
    tabs = _tabs()
    page.set_viewport_size(PHONE)
    _open(page, base_url)
    assert not page.locator("nav.md-tabs").is_visible(), "tabs crowd the phone's header"
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_function("document.getElementById('__drawer').checked")
    first = tabs[0][0]
    back = page.locator(f"nav.md-nav--primary nav[aria-label='{first}'] > label.md-nav__title")
    back.click()
    top = "nav.md-nav--primary > ul > li > a.md-nav__link, nav.md-nav--primary > ul > li > div a"
    page.wait_for_function(
        "sel => [...document.querySelectorAll(sel)].some(a => a.getBoundingClientRect().x >= 0"
        " && a.checkVisibility() && a.textContent.includes('Notebooks'))",
        arg=top,
    )
    names = page.locator(top).evaluate_all(
        "links => links.filter(a => a.checkVisibility() && a.getBoundingClientRect().x >= 0)"
        ".map(a => a.textContent.trim().replace(/\\s+/g, ' '))"
    )
    assert names == [title for title, _ in tabs], names
    title, pages = tabs[-1]
    page.locator(top).filter(has_text=title).click()
    page.wait_for_url(url_of(base_url, pages[0]))


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_home_leads_with_the_animation_and_the_summary(
    page: Any, base_url: str, size: dict[str, int]
) -> None:
    """The first screen shows SAME at stride 2 animating, with its pause button, and the
    summary's four lines begin on it too (beside the picture, or under it on a phone)."""
    page.set_viewport_size(size)
    _open(page, base_url)
    box = page.locator(".hero .anim")
    box.wait_for()
    assert box.get_attribute("data-src", timeout=5000).endswith("tf-same-stride2-even.svg")
    label = box.locator("svg").get_attribute("aria-label") or ""
    assert label.startswith("Animation, TensorFlow SAME, stride 2, even n"), label
    top = box.bounding_box()
    assert top is not None and top["y"] + top["height"] <= size["height"], top
    steps = page.locator(".hero__summary ol > li")
    assert steps.count() == 4
    summary = page.locator(".hero__summary").bounding_box()
    assert summary is not None and summary["y"] < size["height"], "the summary is off screen"
    if size is DESKTOP:
        assert summary["x"] > top["x"] + top["width"] / 2, "the summary is not beside the picture"
    button = box.locator("button.anim__toggle")
    assert button.inner_text() == "Pause animation"
    button.click()
    assert button.inner_text() == "Play animation"
    assert "anim--paused" in (box.get_attribute("class") or "")
    assert not page.console_errors and not page.page_errors, page.console_errors + page.page_errors


def test_search_loads_its_index_only_when_opened(page: Any, base_url: str) -> None:
    """A first visit fetches neither the search index nor its worker; opening search does."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.set_viewport_size(DESKTOP)
    _open(page, base_url)
    searchy = [u for u in fetched if "search_index.json" in u or "/workers/search." in u]
    assert not searchy, f"a first visit fetched {searchy}"
    with page.expect_response(lambda r: r.url.endswith("/search/search_index.json")):
        page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("stride", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert any("/workers/search." in u for u in fetched), "the search worker never started"
