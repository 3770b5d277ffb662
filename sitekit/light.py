"""MkDocs hook: lighter pages, with the same content.

Two changes to each page as it is written (``on_post_page``, after the search index and
``/llms.txt`` have read the content, so neither changes):

- :func:`compact`: Material's Jinja templates indent every tag and leave the lines of their block
  tags empty, about 5 kB of spaces and newlines on every page (a quarter of the 404 page) that
  every first visit downloads. Each whitespace-only gap *between two tags* becomes one newline.
  That never changes what a page shows: outside preformatted text, any run of whitespace between
  two tags renders as one space or as nothing, and one newline still is whitespace. Text,
  attribute values and the insides of ``<pre>``, ``<code>``, ``<kbd>`` (Material shows the three
  with ``white-space: pre-wrap``), ``<textarea>``, ``<script>`` and ``<style>`` are left as they
  are.
- :func:`sized_images`: each ``<img>`` of one of the site's SVGs gets the ``width`` and
  ``height`` the SVG declares. Images are lazy (sitekit/hooks.py) and animations load as they
  near the viewport (javascripts/animation.js); both decide by where an image is, and an image
  with no size is a line of alt text until it loads, so without the size every image of the
  visual guide was "near" at first and all of them loaded. Material's ``height: auto`` keeps
  the drawn size exactly what it was: the attributes only reserve the space before the load.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

# Either an element whose whitespace counts (kept whole, first, so that a gap inside it is never
# seen), or a whitespace gap holding a newline between a ">" and a "<".
_TOKEN = re.compile(
    r"(<(pre|code|kbd|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r\f\v]*\n\s*(?=<)",
    re.DOTALL | re.IGNORECASE,
)
_IMG = re.compile(r"<img\b[^>]*>")
_SRC = re.compile(r'\ssrc="([^":?#]+\.svg)"')
_SVG = re.compile(r"<svg\b[^>]*>")
_LENGTH = r'\s{}="([0-9]+(?:\.[0-9]+)?)(?:px)?"'


def compact(html: str) -> str:
    """``html`` with each whitespace gap between two tags, if it holds a newline, made one newline.

    >>> compact("<ul>\\n    <li>a</li>\\n\\n    <li>b  c</li>\\n</ul>")
    '<ul>\\n<li>a</li>\\n<li>b  c</li>\\n</ul>'
    >>> compact("<p>\\n  <code>x\\n\\n  y</code>\\n  <span> </span> <b>k</b></p>")
    '<p>\\n<code>x\\n\\n  y</code>\\n<span> </span> <b>k</b></p>'
    >>> compact('<pre><span>a</span>\\n    <span>b</span></pre>\\n  <a title="1\\n   2">t</a>')
    '<pre><span>a</span>\\n    <span>b</span></pre>\\n<a title="1\\n   2">t</a>'
    """
    return _TOKEN.sub(lambda m: m.group(1) or "\n", html)


def svg_size(head: str) -> tuple[int, int] | None:
    """``(width, height)`` in whole pixels that the root ``<svg>`` tag of ``head`` declares, or
    ``None`` when it declares no size in pixels.

    >>> svg_size('<?xml version="1.0"?>\\n<svg xmlns="x" width="550" height="367.5" viewBox="0">')
    (550, 368)
    >>> svg_size('<svg viewBox="0 0 4 3">') is None, svg_size('<svg width="5cm" height="3cm">')
    (True, None)
    """
    tag = _SVG.search(head)
    if not tag:
        return None
    width = re.search(_LENGTH.format("width"), tag.group())
    height = re.search(_LENGTH.format("height"), tag.group())
    if not (width and height):
        return None
    # Half a pixel up: the attributes only set the placeholder's aspect ratio (height: auto).
    return int(float(width.group(1)) + 0.5), int(float(height.group(1)) + 0.5)


def _file_size(path: Path) -> tuple[int, int] | None:
    try:
        with path.open(encoding="utf-8") as svg:
            return svg_size(svg.read(2000))
    except (OSError, UnicodeDecodeError):
        return None


def sized_images(html: str, page_url: str, docs_dir: Path) -> str:
    """``html`` (the page at ``page_url``, relative to the site root) with ``width`` and
    ``height`` on each ``<img>`` of an SVG under ``docs_dir`` that has neither.

    >>> import tempfile
    >>> docs = Path(tempfile.mkdtemp())
    >>> _ = (docs / "a.svg").write_text('<svg width="40" height="30">', encoding="utf-8")
    >>> sized_images('<img alt="x" src="../a.svg"><img src="b.svg">', "p/", docs)
    '<img width="40" height="30" alt="x" src="../a.svg"><img src="b.svg">'
    """

    def size(match: re.Match[str]) -> str:
        tag = match.group()
        src = _SRC.search(tag)
        if not src or re.search(r"\s(?:width|height)=", tag):
            return tag
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), src.group(1)))
        if path.startswith("../"):
            return tag
        found = _file_size(docs_dir / path)
        if found is None:
            return tag
        return f'<img width="{found[0]}" height="{found[1]}"' + tag[len("<img") :]

    return _IMG.sub(size, html)


def on_post_page(output: str, page: Any, config: Any, **_: Any) -> str:
    """Every page as it is written: :func:`sized_images`, then :func:`compact`."""
    return compact(sized_images(output, page.url, Path(config.docs_dir)))


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The pages rendered from a bare template (404.html): :func:`compact`; not the sitemap."""
    return compact(output_content) if template_name.endswith(".html") else output_content
