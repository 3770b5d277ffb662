"""The built pages stay light (issue #13, "Light pages"; ``make bench`` measures the weight).

Each check holds one cut in place, on the built site: the templates' indentation is gone
(sitekit/light.py), every SVG image declares its size before it loads (so that lazy images and
animations load only near the viewport), code lines carry no per-line anchors (mkdocs.yml's
``pymdownx.highlight`` settings), and the sitemap, fetched by every first visit, is one line a
page (overrides/sitemap.xml).
"""

from __future__ import annotations

import re
from pathlib import Path

from support import sitemap

from sitekit.light import compact, svg_size

_IMG = re.compile(r"<img\b[^>]*>")
_ATTR = re.compile(r'\s([\w-]+)="([^"]*)"')


def built_pages(site: Path) -> list[Path]:
    """Every HTML page of the built site (the theme's assets left out)."""
    pages = [p for p in sorted(site.rglob("*.html")) if "assets" not in p.parts]
    assert len(pages) > 40, f"only {len(pages)} pages in {site}"
    return pages


def test_no_page_keeps_the_templates_indentation(site_dir: Path) -> None:
    """Every page, the 404 page too, is as :func:`compact` leaves it."""
    loose = [
        p.relative_to(site_dir).as_posix()
        for p in built_pages(site_dir)
        if compact(text := p.read_text(encoding="utf-8")) != text
    ]
    # Material's templates leave such gaps on every page: a page without the hook has many.
    assert not loose, f"pages with whitespace between tags left to compact: {loose}"


def test_every_svg_image_declares_its_size(site_dir: Path) -> None:
    """Each ``<img>`` of one of the site's SVGs has a width and a height, in the SVG's aspect
    ratio (an author's own size on the page is kept, scaled)."""
    checked, wrong = 0, []
    for page in built_pages(site_dir):
        for tag in _IMG.findall(page.read_text(encoding="utf-8")):
            attrs = dict(_ATTR.findall(tag))
            src = attrs.get("src", "")
            if not src.endswith(".svg") or ":" in src:
                continue
            svg = (page.parent / src).resolve()
            size = svg_size(svg.read_text(encoding="utf-8")[:2000])
            assert size, f"{svg} declares no size"
            checked += 1
            where = f"{page.relative_to(site_dir).as_posix()}: {src}"
            if not ("width" in attrs and "height" in attrs):
                wrong.append(f"{where}: no width and height")
                continue
            ratio = int(attrs["width"]) / int(attrs["height"])
            if abs(ratio / (size[0] / size[1]) - 1) > 0.01:
                wrong.append(f"{where}: {attrs['width']}x{attrs['height']}, the SVG is {size}")
    assert checked > 30, f"only {checked} SVG images found"
    assert not wrong, "\n".join(wrong)


def test_code_lines_carry_no_anchors(site_dir: Path) -> None:
    """No span and empty link around each code line: about 100 bytes a line, used only by
    line numbers, ``hl_lines`` and ``content.code.select``, none of which the site has."""
    with_code = per_line = 0
    for page in built_pages(site_dir):
        text = page.read_text(encoding="utf-8")
        with_code += 'class="language-python highlight"' in text
        per_line += "__codelineno-" in text or 'id="__span-' in text
    assert with_code > 20, f"only {with_code} pages show Python code"
    assert per_line == 0, f"{per_line} pages wrap each code line in a span and an anchor"


def test_sitemap_is_one_line_a_page(site_dir: Path) -> None:
    """Every page's entry on one line, nothing indented; it still parses, one entry a page."""
    lines = (site_dir / "sitemap.xml").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("<?xml"), lines[0]
    entries = [line for line in lines if line.startswith("<url>")]
    assert all(line.endswith("</url>") for line in entries), entries[:3]
    assert not [line for line in lines if line[:1].isspace()]
    parsed = sitemap(site_dir)
    assert len(parsed) == len(entries) == len(built_pages(site_dir)) - 1  # 404.html is no page
    assert all(lastmod for _, lastmod in parsed), "an entry lost its <lastmod>"
