"""Every snippet runs, proves its page's claim, and prints what its page shows.

Two runs per snippet file:

* the whole file, top to bottom, with the assertions outside the shown sections;
* each shown section alone in a fresh namespace, exactly as a reader would paste it, comparing
  what it prints with the output file the page includes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.outputs import stale
from sitekit.sections import ROOT, Section, all_sections, run_file, run_section, snippet_files

FILES = snippet_files()
SECTIONS = all_sections()


def test_there_are_snippets() -> None:
    assert len(FILES) >= 3 and len(SECTIONS) >= 10


@pytest.mark.tf
@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_file_runs_with_its_assertions(path: Path) -> None:
    run_file(path)


@pytest.mark.tf
@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.ref)
def test_section_runs_alone_and_output_is_current(section: Section) -> None:
    printed = run_section(section)
    out = section.output_path
    rel = out.relative_to(ROOT)
    if not printed:
        assert not out.exists(), (
            f"{rel} is stale: {section.ref} prints nothing now; run `make outputs`"
        )
        return
    assert out.exists(), f"{rel} is missing: {section.ref} prints output; run `make outputs`"
    committed = out.read_text(encoding="utf-8")
    assert committed == printed, (
        f"{rel} is stale: {section.ref} prints something else now; run `make outputs`.\n"
        f"--- committed\n{committed}--- now\n{printed}"
    )


@pytest.mark.site_wide
def test_no_orphaned_output_files() -> None:
    expected = {s.output_path: "" for s in SECTIONS if s.output_path.exists()}
    orphans = [p for p in stale(expected) if "no section prints" in p]
    assert not orphans, "\n".join(orphans)
