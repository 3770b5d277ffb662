"""Cards on a section's index page, made from the section's own pages.

An index page asks for them with a line of its own, naming the folder under ``docs/``::

    <!-- cards: myths -->

The line becomes Material's grid cards, one per page of the nav that lies in that folder (the
index itself excepted), in nav order. A card is the page's nav title, linked, over the one line
of its ``card:`` front-matter field. Pages that carry a ``group:`` field are gathered under a
``## group`` heading each, in the order the groups first appear; then every page of the folder
needs one. A page without ``card:`` stops the build, naming the file and the line to add.

Nothing is counted by hand: a page joins its index by being in the nav with a ``card:``.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

MARKER = re.compile(r"^<!-- cards: (?P<folder>[\w-]+(?:/[\w-]+)*) -->[ \t]*$", re.M)


class CardError(ValueError):
    """A section page cannot be turned into a card; the message names the file and the fix."""


@dataclass(frozen=True)
class Card:
    """One page of a section, as its card shows it."""

    src: str
    """The page, relative to ``docs/``."""
    title: str
    text: str
    group: str | None


class _AnyTagLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml``'s tags (``!ENV``, ``!!python/name``) as plain values."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_from_config(text: str) -> object:
    """The ``nav:`` of an ``mkdocs.yml`` text, tags read as nothing."""
    return (yaml.load(text, Loader=_AnyTagLoader) or {}).get("nav")


def nav_entries(nav: object) -> list[tuple[str | None, str]]:
    """``(title, path)`` of every page of a nav, in order; ``title`` is None where the nav gives
    none (``- myths/index.md``)."""
    if isinstance(nav, str):
        return [(None, nav)]
    if isinstance(nav, list):
        return [entry for item in nav for entry in nav_entries(item)]
    if isinstance(nav, dict):
        found: list[tuple[str | None, str]] = []
        for title, value in nav.items():
            if isinstance(value, str):
                found.append((str(title), value))
            else:
                found.extend(nav_entries(value))
        return found
    return []


def front_matter(text: str) -> dict:
    """The YAML front matter of a page (``{}`` when it has none)."""
    m = re.match(r"---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*\r?\n", text, re.S)
    if not m:
        return {}
    meta = yaml.safe_load(m[1] or "") or {}
    return meta if isinstance(meta, dict) else {}


def section(
    folder: str, index: str, entries: list[tuple[str | None, str]]
) -> list[tuple[str, str]]:
    """``(title, path)`` of the nav's pages in ``folder`` (not in its subfolders), but
    ``index``."""
    pages = [
        (title, path)
        for title, path in entries
        if posixpath.dirname(path) == folder and path.endswith(".md") and path != index
    ]
    untitled = [path for title, path in pages if not title]
    if untitled:
        raise CardError(
            f"mkdocs.yml: give {', '.join(untitled)} a title in the nav "
            f"(`- Title: {untitled[0]}`); the card on docs/{index} shows it"
        )
    return [(str(title), path) for title, path in pages]


def read_card(src: str, title: str, text: str, index: str) -> Card:
    """The card of page ``src`` (its Markdown ``text``), or a CardError saying what to add."""
    meta = front_matter(text)
    card = meta.get("card")
    if not isinstance(card, str) or not card.strip():
        raise CardError(
            f"docs/{src}: no `card:` in its front matter. Add one line, e.g. "
            f'`card: "What the reader learns, in one sentence."`: it is the text under the '
            f"page's title on docs/{index}"
        )
    group = meta.get("group")
    if group is not None and (not isinstance(group, str) or not group.strip()):
        raise CardError(f"docs/{src}: `group:` must be a heading, e.g. `group: From the lesson`")
    return Card(src, title, " ".join(card.split()), " ".join(group.split()) if group else None)


def _grid(cards: list[Card], index: str) -> str:
    base = posixpath.dirname(index) or "."
    items = "\n\n".join(
        f"-   **[{c.title}]({posixpath.relpath(c.src, base)})**\n\n    ---\n\n    {c.text}"
        for c in cards
    )
    return f'<div class="grid cards" markdown>\n\n{items}\n\n</div>'


def render(cards: list[Card], index: str) -> str:
    """Markdown for the cards: one grid, or a ``##`` heading and a grid per group."""
    grouped = [c for c in cards if c.group]
    if not grouped:
        return _grid(cards, index)
    loose = [c.src for c in cards if not c.group]
    if loose:
        raise CardError(
            f"docs/{loose[0]}: no `group:` in its front matter, while other pages on "
            f"docs/{index} have one (e.g. `group: {grouped[0].group}`); give every page one"
        )
    groups = list(dict.fromkeys(c.group for c in cards))
    return "\n\n".join(
        f"## {g}\n\n" + _grid([c for c in cards if c.group == g], index) for g in groups
    )


def expand(
    markdown: str,
    index: str,
    entries: list[tuple[str | None, str]],
    read: Callable[[str], str | None],
) -> str:
    """Replace each cards marker of page ``index`` (relative to ``docs/``).

    ``entries`` is the nav (:func:`nav_entries`), ``read(path)`` a page's Markdown (None if there
    is no such file). Raises CardError naming the page to fix.
    """

    def replace(m: re.Match[str]) -> str:
        folder = m["folder"]
        pages = section(folder, index, entries)
        if not pages:
            raise CardError(
                f"docs/{index}: `<!-- cards: {folder} -->`, but no nav page is in {folder}/"
            )
        cards = []
        for title, path in pages:
            text = read(path)
            if text is None:
                raise CardError(f"mkdocs.yml: the nav lists {path}, but docs/{path} does not exist")
            cards.append(read_card(path, title, text, index))
        return render(cards, index)

    return MARKER.sub(replace, markdown)


def new_page_front_matter(folder: str, config: str, docs: Path, todo: str) -> str:
    """Front-matter lines a new page of ``folder`` needs for its card (``""`` when no index page
    shows cards of ``folder``): a ``card:`` for the author to write, marked ``todo``, and, when
    the section's pages are grouped, the ``group:`` of its last page. ``config`` is the text of
    ``mkdocs.yml``, ``docs`` the docs folder."""
    indexes = [
        p for p in sorted(docs.rglob("*.md")) if f"<!-- cards: {folder} -->" in p.read_text("utf-8")
    ]
    if not indexes:
        return ""
    index = indexes[0].relative_to(docs).as_posix()
    lines = f'card: "{todo}: one line for its card on docs/{index}."\n'
    groups = [
        group
        for _, path in section(folder, index, nav_entries(nav_from_config(config)))
        if (docs / path).is_file()
        and (group := front_matter((docs / path).read_text("utf-8")).get("group"))
    ]
    return lines + (f"group: {json.dumps(groups[-1], ensure_ascii=False)}\n" if groups else "")
