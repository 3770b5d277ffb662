"""Docs integrity: pages show only tested code, and every include and question resolves."""

from __future__ import annotations

import importlib
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from sitekit.quiz import MARKER
from sitekit.sections import ROOT, all_sections, parse
from snippets.questions import all_questions

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*\{?[ \t]*\.?(?P<lang>[\w+-]*)[^\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*$",
    re.M | re.S,
)
INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$', re.M)
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
PYTHON = {"python", "py", "pycon", "python3", "ipython"}


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def page_ids(path: Path) -> str:
    return rel(path)


def includes() -> dict[str, list[str]]:
    """Every include target, with the pages that include it."""
    found: dict[str, list[str]] = {}
    for page in PAGES:
        for m in INCLUDE.finditer(page.read_text(encoding="utf-8")):
            found.setdefault(m["target"], []).append(rel(page))
    return found


def test_site_has_pages() -> None:
    assert len(PAGES) >= 5


@pytest.mark.parametrize("page", PAGES, ids=page_ids)
def test_python_blocks_are_only_includes(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    for m in FENCE.finditer(text):
        if m["lang"].lower() not in PYTHON:
            continue
        line = text.count("\n", 0, m.start()) + 1
        body = [b.strip() for b in m["body"].splitlines() if b.strip()]
        assert body, f"{rel(page)}:{line}: empty Python block"
        pasted = [b for b in body if not b.startswith("--8<--")]
        assert not pasted, (
            f"{rel(page)}:{line}: Python block with pasted code {pasted[:2]}; "
            "move it into a snippets/ file and include it with --8<--"
        )


@pytest.mark.parametrize("page", PAGES, ids=page_ids)
def test_every_include_resolves(page: Path) -> None:
    for m in INCLUDE.finditer(page.read_text(encoding="utf-8")):
        target = m["target"]
        path_part, _, section = target.partition(":")
        path = ROOT / path_part
        assert path.is_file(), f"{rel(page)}: includes {target!r}, but {path_part} does not exist"
        if section:
            names = [s.name for s in parse(path)]
            assert section in names, (
                f"{rel(page)}: includes {target!r}, but {path_part} has no section "
                f"{section!r} (it has {names})"
            )


@pytest.mark.site_wide
def test_every_section_is_shown_by_a_page() -> None:
    used = includes()
    unused = [s.ref for s in all_sections() if s.ref not in used]
    assert not unused, f"sections used by no page: {unused}"


@pytest.mark.site_wide
def test_every_printed_output_is_shown_with_its_code() -> None:
    used = includes()
    for section in all_sections():
        out = section.output_path
        if not out.exists():
            continue
        out_ref = rel(out)
        assert out_ref in used, (
            f"{section.ref} prints output, but no page shows {out_ref}; include it in a text "
            "block under the code"
        )
        missing = set(used.get(section.ref, [])) - set(used[out_ref])
        assert not missing, f"{sorted(missing)} show {section.ref} without its output {out_ref}"


@pytest.mark.site_wide
def test_quiz_markers_resolve_and_each_question_has_one_home() -> None:
    questions = all_questions()
    homes: Counter[str] = Counter()
    for page in PAGES:
        for m in MARKER.finditer(page.read_text(encoding="utf-8")):
            if m["id"] == "all":
                continue
            assert m["id"] in questions, f"{rel(page)}: unknown question {m['id']!r}"
            homes[m["id"]] += 1
    assert not [q for q in questions if homes[q] == 0], (
        f"questions shown on no page: {[q for q in questions if homes[q] == 0]}"
    )
    assert not [q for q, n in homes.items() if n > 1], (
        f"questions placed on more than one page: {[q for q, n in homes.items() if n > 1]}"
    )


def own_name(page: Path) -> str:
    """The name a page gives its files: ``docs/cheat-sheet.md`` -> ``cheat_sheet``."""
    return page.relative_to(DOCS).with_suffix("").as_posix().replace("-", "_")


@pytest.mark.site_wide
def test_one_name_per_page() -> None:
    """Page ``docs/<dir>/<name>.md`` <-> snippet ``snippets/<dir>/<name_>.py`` <-> outputs
    ``snippets/_outputs/<dir>/<name_>/`` <-> questions ``snippets/questions/<dir>/<name_>.py``."""
    wrong: list[str] = []
    for page in PAGES:
        name, text = own_name(page), page.read_text(encoding="utf-8")
        for m in INCLUDE.finditer(text):
            path = m["target"].partition(":")[0]
            if path.startswith("snippets/_outputs/"):
                if not path.startswith(f"snippets/_outputs/{name}/"):
                    wrong.append(f"{rel(page)} shows {path}; expected snippets/_outputs/{name}/")
            elif path.startswith("snippets/") and path != f"snippets/{name}.py":
                wrong.append(f"{rel(page)} includes {path}; expected snippets/{name}.py")
        ids = [m["id"] for m in MARKER.finditer(text) if m["id"] != "all"]
        module = f"snippets/questions/{name}.py"
        own = (
            {q.id for q in importlib.import_module(module[:-3].replace("/", ".")).QUESTIONS}
            if ids and (ROOT / module).is_file()
            else set()
        )
        wrong += [
            f"{rel(page)} asks {q!r}; expected it defined in {module}" for q in ids if q not in own
        ]
    for path in sorted((ROOT / "snippets").rglob("*.py")):
        parts = path.relative_to(ROOT / "snippets").parts
        if parts[0] in {"arithmetic.py", "reference.py", "keras_layers.py", "figures", "_outputs"}:
            continue
        if path.name == "__init__.py":
            continue
        name = "/".join(parts[1:] if parts[0] == "questions" else parts)[:-3]
        page = DOCS / f"{name.replace('_', '-')}.md"
        if not page.is_file():
            wrong.append(f"{rel(path)} belongs to no page; expected {rel(page)}")
    assert not wrong, "one name per page:\n" + "\n".join(dict.fromkeys(wrong))


@pytest.mark.parametrize("page", PAGES, ids=page_ids)
def test_images_have_alt_text(page: Path) -> None:
    for m in IMAGE.finditer(page.read_text(encoding="utf-8")):
        alt = m["alt"].strip()
        assert len(alt) >= 10, f"{rel(page)}: image {m['src']} needs real alt text, got {alt!r}"


@pytest.mark.parametrize("page", PAGES, ids=page_ids)
def test_pages_have_title_and_description(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{rel(page)}: front matter with title and description missing"
    meta = yaml.safe_load(text.split("---\n", 2)[1])
    assert meta.get("title") and meta.get("description"), (
        f"{rel(page)}: front matter needs a title and a description"
    )
