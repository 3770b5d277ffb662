"""``/llms.txt`` and ``/llms-full.txt``: written at build time (mkdocs-llmstxt), one section per
tab of the nav, every page listed, the full file holding the pages' prose, linked from the
footer of every page."""

from __future__ import annotations

import re
from pathlib import Path

from support import ROOT

from sitekit.cards import nav_entries, nav_from_config
from sitekit.hooks import llms_sections

NAV = nav_from_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
# A fact the home page states in its prose, and one a concept page states, word for word.
FACTS = (
    "When the total is odd, the extra cell goes **after** the input (bottom, right).",
    "TensorFlow puts the extra cell **after** the input",
)


def _site_path(doc: str) -> str:
    """``concepts/padding.md`` -> ``concepts/padding/index.md`` as the plugin writes it."""
    stem = doc.rsplit(".", 1)[0]
    return "index.md" if stem == "index" else stem.removesuffix("/index") + "/index.md"


def test_sections_follow_the_tabs_with_every_page() -> None:
    sections = llms_sections(NAV, ROOT / "docs")
    assert list(sections) == [next(iter(item)) for item in NAV]
    listed = [next(iter(p)) if isinstance(p, dict) else p for ps in sections.values() for p in ps]
    assert listed == [path for _, path in nav_entries(NAV)]
    home = sections[next(iter(sections))][0]
    assert isinstance(home, dict) and home["index.md"].startswith("Learn exactly how")


def test_llms_txt_lists_each_section_and_page(site_dir: Path) -> None:
    text = (site_dir / "llms.txt").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings == [next(iter(item)) for item in NAV]
    for _, doc in nav_entries(NAV):
        assert f"/{_site_path(doc)})" in text, f"llms.txt does not list {doc}"
        assert (site_dir / _site_path(doc)).is_file(), f"no Markdown copy of {doc}"


def test_llms_full_holds_the_pages_prose(site_dir: Path) -> None:
    text = (site_dir / "llms-full.txt").read_text(encoding="utf-8")
    for fact in FACTS:
        assert fact in text
    assert not re.search(r"<(?:style|script)\b|jp-Cell", text), "notebook HTML leaked into it"


def test_footer_links_both_files(site_dir: Path) -> None:
    for page in ("index.html", "concepts/padding/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        for name in ("llms.txt", "llms-full.txt"):
            assert re.search(rf'href="(?:\.\./)*{re.escape(name)}"', html), f"{page}: no {name}"
