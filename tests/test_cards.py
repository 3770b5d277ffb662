"""Index cards: every page of a section has its card on the section's index, the cards come from
the pages' front matter in nav order, a page without ``card:`` is named in the failure, and no
index states a count that someone would have to keep up to date by hand."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import markdown as md
import pytest
from mkdocs.exceptions import PluginError

from sitekit import cards, hooks
from sitekit.sections import ROOT

DOCS = ROOT / "docs"
NAV = cards.nav_entries(cards.nav_from_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
INDEXES = sorted(
    p for p in DOCS.rglob("*.md") if cards.MARKER.search(p.read_text(encoding="utf-8"))
)
COUNT = (
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|\d+)\b"
)
# "Eight beliefs", "nine real bugs": a count of a section's pages, which goes stale with the next
# page. ("the four myths in the lesson" counts the lesson's, not the site's.)
PAGE_COUNT = re.compile(
    rf"(?<!the ){COUNT}\s+(?:[\w-]+\s+){{0,2}}?(?:myths|beliefs|pitfalls|bugs)\b", re.I
)


def src(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


def read(path: str) -> str | None:
    file = DOCS / path
    return file.read_text(encoding="utf-8") if file.is_file() else None


def expanded(index: Path) -> str:
    return cards.expand(index.read_text(encoding="utf-8"), src(index), NAV, read)


def test_the_section_indexes_use_cards() -> None:
    assert {src(p) for p in INDEXES} >= {"myths/index.md", "pitfalls/index.md"}


@pytest.mark.parametrize("index", INDEXES, ids=src)
def test_every_page_of_the_section_has_its_card_on_the_index(index: Path) -> None:
    folder = cards.MARKER.search(index.read_text(encoding="utf-8"))["folder"]
    pages = sorted(p for p in (DOCS / folder).glob("*.md") if p != index)
    nav = [path for _, path in NAV]
    assert pages, f"docs/{folder}/ has no pages"
    missing = [src(p) for p in pages if src(p) not in nav]
    assert not missing, f"pages of {folder}/ that no nav entry (and so no card) lists: {missing}"

    html = md.markdown(expanded(index), extensions=["attr_list", "md_in_html"])
    grids = "".join(re.findall(r'<div class="grid cards">(.*?)</div>', html, re.S))
    order = []
    for title, path in cards.section(folder, src(index), NAV):
        card = cards.front_matter(read(path))["card"]
        link = f'<a href="{Path(path).name}">{title}</a>'
        assert link in grids, f"docs/{src(index)} has no card linking {path} as {title!r}"
        item = re.search(
            rf"<li>\s*<p><strong>{re.escape(link)}</strong></p>(.*?)</li>", grids, re.S
        )
        assert item and "<hr" in item[1], f"the card of {path} is not a Material grid card"
        shown = re.sub(r"<[^>]+>|\$", "", item[1]).split()
        assert shown == re.sub(r"`|\$", "", card).split(), (
            f"the card of {path} does not say {card!r}"
        )
        order.append(grids.index(link))
    assert order == sorted(order), "the cards are not in nav order"


def test_myth_cards_are_grouped_in_nav_order() -> None:
    text = expanded(DOCS / "myths" / "index.md")
    heads = re.findall(r"^## (.+)$", text, re.M)
    groups = [
        cards.front_matter(read(path))["group"]
        for _, path in cards.section("myths", "myths/index.md", NAV)
    ]
    assert heads[: len(set(groups))] == list(dict.fromkeys(groups))
    assert {"From the lesson", "From real confusion"} <= set(groups)


@pytest.mark.parametrize("index", INDEXES, ids=src)
def test_index_states_no_count(index: Path) -> None:
    text = index.read_text(encoding="utf-8")
    meta = cards.front_matter(text)
    body = text.split("---", 2)[2]
    for where, words in (("description", meta["description"]), ("text", body)):
        found = re.findall(COUNT, words, re.I)
        assert not found, (
            f"docs/{src(index)}: its {where} says {found}; the cards follow the pages, a number "
            "written by hand does not: leave the number out"
        )


def test_no_page_counts_a_sections_pages_by_hand() -> None:
    found = [
        f"{src(p)}: {m[0]!r}"
        for p in sorted(DOCS.rglob("*.md"))
        for m in PAGE_COUNT.finditer(p.read_text(encoding="utf-8"))
    ]
    assert not found, f"counts of pages written by hand, leave the number out: {found}"


# --- the expansion itself, on small made-up sections ------------------------------------------


def fake_section(pages: dict[str, str]) -> tuple[list[tuple[str | None, str]], dict[str, str]]:
    nav = [(None, "tips/index.md"), *((name.title(), f"tips/{name}.md") for name in pages)]
    files = {
        f"tips/{name}.md": f"---\ntitle: T\n{meta}---\n\n# T\n" for name, meta in pages.items()
    }
    return nav, files


def test_cards_follow_the_nav_and_the_front_matter() -> None:
    nav, files = fake_section({"b": "card: Second in files.\n", "a": "card: 'Uses $s$.'\n"})
    out = cards.expand("Intro.\n\n<!-- cards: tips -->\n\nEnd.\n", "tips/index.md", nav, files.get)
    assert out == (
        'Intro.\n\n<div class="grid cards" markdown>\n\n'
        "-   **[B](b.md)**\n\n    ---\n\n    Second in files.\n\n"
        "-   **[A](a.md)**\n\n    ---\n\n    Uses $s$.\n\n</div>\n\nEnd.\n"
    )


def test_groups_become_headings_in_order_of_first_appearance() -> None:
    nav, files = fake_section(
        {
            "a": "card: A.\ngroup: Later\n",
            "b": "card: B.\ngroup: First\n",
            "c": "card: C.\ngroup: Later\n",
        }
    )
    out = cards.expand("<!-- cards: tips -->\n", "tips/index.md", nav, files.get)
    assert re.findall(r"^## (.+)$", out, re.M) == ["Later", "First"]
    assert out.index("[C](c.md)") < out.index("## First")


@pytest.mark.parametrize(
    ("meta", "needles"),
    [
        ("description: no card\n", ["docs/tips/b.md", "`card:`", "docs/tips/index.md"]),
        ("card: '  '\n", ["docs/tips/b.md", "`card:`"]),
        ("card: B.\n", ["docs/tips/b.md", "`group:`"]),  # a has a group, b has none
    ],
)
def test_a_page_without_its_card_is_named(meta: str, needles: list[str]) -> None:
    nav, files = fake_section({"a": "card: A.\ngroup: G\n", "b": meta})
    with pytest.raises(cards.CardError) as error:
        cards.expand("<!-- cards: tips -->\n", "tips/index.md", nav, files.get)
    assert all(n in str(error.value) for n in needles), str(error.value)


def test_marker_without_pages_or_files_is_an_error() -> None:
    nav, files = fake_section({"a": "card: A.\n"})
    with pytest.raises(cards.CardError, match=r"no nav page is in other/"):
        cards.expand("<!-- cards: other -->\n", "tips/index.md", nav, files.get)
    with pytest.raises(cards.CardError, match=r"docs/tips/a.md does not exist"):
        cards.expand("<!-- cards: tips -->\n", "tips/index.md", nav, {}.get)
    with pytest.raises(cards.CardError, match=r"give tips/x.md a title in the nav"):
        cards.expand("<!-- cards: tips -->\n", "tips/index.md", [*nav, (None, "tips/x.md")], {}.get)
    with pytest.raises(cards.CardError, match=r"`group:` must be a heading"):
        cards.read_card("tips/a.md", "A", "---\ncard: A.\ngroup: [1]\n---\n", "tips/index.md")


def test_nav_entries_and_front_matter() -> None:
    nav = cards.nav_from_config(
        "site_url: !ENV [X, 'y']\nnav:\n  - Home: index.md\n  - S:\n"
        "      - s/index.md\n      - A: s/a.md\n      - Site: https://x.org/\n"
    )
    assert cards.nav_entries(nav) == [
        ("Home", "index.md"),
        (None, "s/index.md"),
        ("A", "s/a.md"),
        ("Site", "https://x.org/"),
    ]
    assert cards.nav_entries(42) == []
    assert cards.front_matter("# No front matter\n") == {}
    assert cards.front_matter("---\n- a list\n---\n") == {}


def test_the_build_hook_fails_naming_the_page() -> None:
    """What ``mkdocs build`` runs: a page without ``card:`` stops it with a PluginError."""
    _, contents = fake_section({"a": "description: no card\n"})
    files = SimpleNamespace(
        get_file_from_path=lambda path: (
            SimpleNamespace(content_string=contents[path]) if path in contents else None
        )
    )
    page = SimpleNamespace(file=SimpleNamespace(src_uri="tips/index.md"))
    config = {"nav": [{"Tips": ["tips/index.md", {"A": "tips/a.md"}]}]}
    with pytest.raises(PluginError, match=r"docs/tips/a\.md: no `card:`"):
        hooks.on_page_markdown("<!-- cards: tips -->\n", page=page, config=config, files=files)
    contents["tips/a.md"] = "---\ncard: Now it has one.\n---\n"
    out = hooks.on_page_markdown("<!-- cards: tips -->\n", page=page, config=config, files=files)
    assert "-   **[A](a.md)**" in out and "Now it has one." in out


def test_a_new_page_gets_a_card_to_write_and_its_sections_group() -> None:
    """What the scaffold writes into a new page's front matter."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    myth = cards.new_page_front_matter("myths", config, DOCS, "TODO(scaffold)")
    last_group = cards.front_matter(read(cards.section("myths", "myths/index.md", NAV)[-1][1]))
    assert myth == (
        'card: "TODO(scaffold): one line for its card on docs/myths/index.md."\n'
        f'group: "{last_group["group"]}"\n'
    )
    pitfall = cards.new_page_front_matter("pitfalls", config, DOCS, "TODO(scaffold)")
    assert pitfall == 'card: "TODO(scaffold): one line for its card on docs/pitfalls/index.md."\n'
    assert cards.new_page_front_matter("concepts", config, DOCS, "TODO(scaffold)") == ""
    # The lines make a card that the expansion accepts.
    text = f"---\ntitle: New\n{myth}---\n"
    card = cards.read_card("myths/new.md", "New", text, "myths/index.md")
    assert card.group == last_group["group"] and card.text.startswith("TODO(scaffold)")
