"""Helpers for the browser checks: find the built pages, pick a palette, report axe readably."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from support import sitemap

# Alt texts that describe nothing: generic words and nbconvert's default for plots.
PLACEHOLDER_ALTS = frozenset(
    {
        "image",
        "img",
        "picture",
        "figure",
        "graph",
        "plot",
        "chart",
        "png",
        "svg",
        "alt",
        "alt text",
        "todo",
        "placeholder",
        "no description has been provided for this image",
    }
)

# Runs in the page: load every image now (lazy ones too) and report what each one got.
MEDIA_REPORT_JS = """
async () => {
  const images = [];
  for (const img of document.images) {
    img.loading = "eager";
    try { await img.decode(); } catch (error) { /* a broken image: reported below */ }
    images.push({
      src: img.getAttribute("src") || "",
      loaded: img.complete && img.naturalWidth > 0,
      alt: img.getAttribute("alt"),
    });
  }
  const objects = [...document.querySelectorAll("object")].map((obj) => ({
    src: obj.getAttribute("data") || "",
    // Same-origin only (the site asks no other host), so a loaded object exposes its document.
    loaded: obj.contentDocument !== null,
    alt: obj.getAttribute("aria-label") || obj.getAttribute("title") || obj.textContent.trim(),
  }));
  return { images, objects };
}
"""


# Runs in the page: the prose of the content area, code left out (code may show markup).
PROSE_JS = """
() => {
  const root = (document.querySelector(".md-content") || document.body).cloneNode(true);
  root.querySelectorAll("pre, code, script, style, textarea").forEach((el) => el.remove());
  return root.textContent;
}
"""
# An HTML tag or an unexpanded snippet include in the text a reader sees is a build bug
# (e.g. MathML serialised as text, or a --8<-- line that was not replaced).
_LEAKED_MARKUP = re.compile(
    r"<\{[^}<>]+\}\w+"  # an ElementTree-namespaced tag
    r"|</[A-Za-z][\w-]*>"  # a closing tag
    r"|<[A-Za-z][\w-]*\s[^<>]*=\s*[\"'][^<>]*>"  # an opening tag with a quoted attribute
    r"|--8<--"
)


def leaked_markup(prose: str) -> list[str]:
    """Markup that appears as text in the page's prose: one line, the first few distinct pieces."""
    pieces = [m.group(0)[:60] for m in _LEAKED_MARKUP.finditer(prose)]
    if not pieces:
        return []
    distinct = list(dict.fromkeys(pieces))
    shown = ", ".join(repr(p) for p in distinct[:4]) + (", ..." if len(distinct) > 4 else "")
    return [f"markup shown as text ({len(pieces)} times): {shown}"]


def page_paths(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as a path relative to the site root (``""`` is home).

    Theme assets are not pages; ``index.html`` is written as its folder, as the site links it.
    """
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        paths.append(rel.removesuffix("index.html"))
    return paths


def sitemap_paths(site_dir: Path, base_url: str) -> list[str]:
    """Paths (relative to the site root) listed in the built ``sitemap.xml``."""
    base_path = urlsplit(base_url).path
    return [urlsplit(loc).path.removeprefix(base_path) for loc, _ in sitemap(site_dir)]


def screenshot_name(path: str, palette: str, width: int) -> str:
    """A flat file name for one screenshot: ``concepts-padding-dark-390.jpg`` (JPEG: a long page's
    full-page PNG takes seconds to encode, JPEG about a third of that)."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", path.removesuffix(".html")).strip("-") or "home"
    return f"{slug}-{palette}-{width}.jpg"


@dataclass(frozen=True)
class Palette:
    """One of the theme's palettes, as the built page declares it in its palette inputs."""

    index: int
    media: str
    scheme: str
    primary: str
    accent: str

    def init_script(self, base_url: str) -> str:
        """JavaScript that stores this palette as the reader's choice before any page loads.

        Material keeps the choice in localStorage under ``<site path>.__palette`` as
        ``{"index": i, "color": {"media", "scheme", "primary", "accent"}}``.
        """
        key = urlsplit(base_url).path + ".__palette"
        value = {
            "index": self.index,
            "color": {
                "media": self.media,
                "scheme": self.scheme,
                "primary": self.primary,
                "accent": self.accent,
            },
        }
        return f"localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(value))});"


class _PaletteInputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[Palette] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name") == "__palette" and a.get("id"):
            self.found.append(
                Palette(
                    index=int(str(a["id"]).rsplit("_", 1)[1]),
                    media=a.get("data-md-color-media") or "",
                    scheme=a.get("data-md-color-scheme") or "",
                    primary=a.get("data-md-color-primary") or "",
                    accent=a.get("data-md-color-accent") or "",
                )
            )


def palette_for(site_dir: Path, scheme: str) -> Palette:
    """The palette of the built site whose colour scheme is ``scheme`` (``default``/``slate``).

    A palette bound to an explicit ``prefers-color-scheme`` query is preferred over the automatic
    one, so the choice does not depend on the browser's own preference.
    """
    parser = _PaletteInputs()
    parser.feed((site_dir / "index.html").read_text(encoding="utf-8"))
    matches = [p for p in parser.found if p.scheme == scheme]
    if not matches:
        raise ValueError(f"scheme={scheme!r}: the site declares no such palette")
    return sorted(matches, key=lambda p: p.media == "(prefers-color-scheme)")[0]


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.h1: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self.depth += 1
            self.h1.append("")
        elif self.depth and tag == "a" and ("class", "headerlink") in attrs:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in ("h1", "a"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth == 1:
            self.h1[-1] += data


def page_title(site_dir: Path, path: str) -> str:
    """Text of the page's first ``<h1>``, without its permalink sign."""
    parser = _Headings()
    file = site_dir / (path + "index.html" if path == "" or path.endswith("/") else path)
    parser.feed(file.read_text(encoding="utf-8"))
    if not parser.h1:
        raise ValueError(f"path={path!r}: the page has no <h1>")
    return " ".join(parser.h1[0].split())


def url_of(base_url: str, path: str) -> str:
    """Absolute URL of a site path."""
    return urljoin(base_url, path)


AXE_NODES_SHOWN = 6


def axe_report(violations: list[dict[str, Any]]) -> str:
    """axe-core violations as readable lines: rule, impact, what to do, and each element."""
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:AXE_NODES_SHOWN]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"      {target}: {summary}")
        if len(v["nodes"]) > AXE_NODES_SHOWN:
            lines.append(f"      ... and {len(v['nodes']) - AXE_NODES_SHOWN} more elements")
    return "\n".join(lines)


def media_problems(report: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Images and objects that did not load or whose alt text says nothing."""
    problems = []
    for kind in ("images", "objects"):
        for item in report[kind]:
            if not item["loaded"]:
                problems.append(f"{kind[:-1]} did not load: {item['src']!r}")
            alt = " ".join((item["alt"] or "").split())
            if not alt:
                problems.append(f"{kind[:-1]} has no alt text: {item['src']!r}")
            elif alt.lower().strip(".") in PLACEHOLDER_ALTS:
                problems.append(f"{kind[:-1]} has placeholder alt text {alt!r}: {item['src']!r}")
    return problems


def set_palette(page: Any, scheme: str) -> None:
    """Click Material's palette toggle until the page uses ``scheme``."""
    for _ in range(3):
        if page.get_attribute("body", "data-md-color-scheme") == scheme:
            return
        page.click("form[data-md-component=palette] label:not([hidden])")
    assert page.get_attribute("body", "data-md-color-scheme") == scheme
