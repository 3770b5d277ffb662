"""MkDocs hooks: versions in the footer, quizzes and index cards in the pages, the sections of
``/llms.txt``. Public hook API only."""

from __future__ import annotations

import html
import re
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import PluginError

from sitekit import cards
from sitekit.env import quiet_tensorflow
from sitekit.quiz import expand

# A bare `mkdocs build` or `mkdocs serve` runs the notebooks as `make site` does: with
# TensorFlow's variables set (the notebooks' kernels inherit this process's environment).
quiet_tensorflow()


def installed_version(*names: str) -> str:
    """Version of the first of ``names`` that is installed."""
    for name in names:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    raise RuntimeError(f"none of {names} is installed; run `uv sync --locked`")


def front_matter(text: str) -> dict[str, Any]:
    """The YAML front matter of a page's Markdown (empty when it has none).

    >>> front_matter("---\\ntitle: A\\ndescription: B.\\n---\\n# A\\n")
    {'title': 'A', 'description': 'B.'}
    """
    if not text.startswith("---\n") or "\n---" not in text[3:]:
        return {}
    return yaml.safe_load(text[4 : text.index("\n---", 3)]) or {}


def llms_sections(nav: Any, docs_dir: Path) -> dict[str, list[str | dict[str, str]]]:
    """The sections of ``/llms.txt``: one per tab (top-level nav entry), its pages in nav order,
    each with the ``description`` of its front matter. Follows the nav, so a new page joins.
    """
    sections: dict[str, list[str | dict[str, str]]] = {}
    for item in nav or []:
        title, value = next(iter(item.items())) if isinstance(item, dict) else ("Pages", item)
        pages: list[str | dict[str, str]] = []
        for _, path in cards.nav_entries(value):
            source = docs_dir / path
            meta = front_matter(source.read_text(encoding="utf-8")) if path.endswith(".md") else {}
            pages.append({path: meta["description"]} if meta.get("description") else path)
        sections.setdefault(str(title), []).extend(pages)
    return sections


def on_config(config: Any) -> Any:
    """Record the TensorFlow and Keras versions the facts were verified with; give
    ``/llms.txt`` (mkdocs-llmstxt) the nav's sections."""
    config.extra["verified_with"] = {
        "tensorflow": installed_version("tensorflow-cpu", "tensorflow"),
        "keras": installed_version("keras"),
    }
    llmstxt = config.plugins.get("llmstxt")
    if llmstxt is not None:
        llmstxt.config.sections = llms_sections(config["nav"], Path(config["docs_dir"]))
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **_: Any) -> str:
    """Turn ``<!-- quiz: id -->`` markers into questions, ``<!-- cards: folder -->`` into the
    cards of that folder's pages."""
    if cards.MARKER.search(markdown):

        def read(path: str) -> str | None:
            file = files.get_file_from_path(path)
            return None if file is None else file.content_string

        try:
            markdown = cards.expand(
                markdown, page.file.src_uri, cards.nav_entries(config["nav"]), read
            )
        except cards.CardError as error:
            raise PluginError(str(error)) from None
    return expand(markdown, page.file.src_uri)


# A code block as pymdownx.highlight writes it: its opening tag, then its text up to </pre>.
_CODE_BLOCK = re.compile(r'<div class="language-[\w+-]+ highlight">(?P<body>.*?)</pre>', re.S)
# A line of printed output that names an exception: what readers paste into search.
_ERROR_LINE = re.compile(r"^\s*(?:[\w.]+\.)?\w*(?:Error|Exception|Warning)\b", re.M)
_TAG = re.compile(r"<[^>]+>")


def search_lean(body: str) -> str:
    """Leave code blocks and printed outputs out of the search index, every page of which costs
    each first visit; keep headings and prose, and keep an output that shows an error message.

    >>> search_lean('<div class="language-python highlight"><pre>x = 1</pre></div>')
    '<div data-search-exclude class="language-python highlight"><pre>x = 1</pre></div>'
    >>> out = '<div class="language-text highlight"><pre>ValueError: no</pre></div>'
    >>> search_lean(out) == out
    True
    """

    def mark(match: re.Match[str]) -> str:
        text = html.unescape(_TAG.sub("", match["body"]))
        if _ERROR_LINE.search(text):
            return match.group()
        return match.group().replace("<div ", "<div data-search-exclude ", 1)

    return _CODE_BLOCK.sub(mark, body)


_IMG = re.compile(r"<img\b(?![^>]*\bloading=)")


def lazy_images(body: str) -> str:
    """Let the browser fetch a page's images as the reader nears them (``loading="lazy"``): a
    long page such as the visual guide costs a first visit only what is on screen. Animations
    are fetched by javascripts/animation.js, which replaces the image before it loads.

    >>> lazy_images('<p><img alt="a" src="x.svg"><img loading="eager" src="y.svg"></p>')
    '<p><img loading="lazy" alt="a" src="x.svg"><img loading="eager" src="y.svg"></p>'
    """
    return _IMG.sub('<img loading="lazy"', body)


def on_page_content(html_: str, page: Any, config: Any, files: Any, **_: Any) -> str:
    """Keep the search index lean (:func:`search_lean`), images lazy (:func:`lazy_images`)."""
    return lazy_images(search_lean(html_))
