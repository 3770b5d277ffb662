"""A fresh checkout builds the same bytes as the working tree.

The first build is the session's built site (``site_dir``: ``SITE_DIR`` when given, as ``make
test`` builds ``site/`` first, else the one build every test shares), so the check costs a single
extra build. The second build runs in a copy of the tree as a clone has it, but with the notebook
cache (``.cache/``): it replays the notebook runs rather than spending a minute on them again.
That half is proven apart: ``tests/test_notebooks.py`` runs each notebook in a fresh kernel and
requires every byte it prints and draws on the built page. Both builds use the same ``site_url``
and the same ``SOURCE_DATE_EPOCH`` (both read back from the first build's ``sitemap.xml``).

The only inputs a build takes from the clock are the sitemap's ``<lastmod>`` dates and the gzip
header time of ``sitemap.xml.gz``, both the build's date (MkDocs reads ``SOURCE_DATE_EPOCH``, the
reproducible-builds convention). The second build is pinned to the first build's date, so the
two are byte-identical even across midnight and no file needs to be left out.
"""

from __future__ import annotations

import difflib
import filecmp
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from support import copy_project, sitemap, strict_build

# Files that may differ between two builds, each with the reason it cannot be identical.
# Empty: every file of the site is reproducible. Add an entry only with a stated reason.
MAY_DIFFER: dict[str, str] = {}


def build(project: Path, out: Path, site_url: str, epoch: int) -> None:
    """Strict build of ``project`` into ``out``, importing its own ``snippets``/``sitekit``."""
    env = {"SITE_URL": site_url, "SOURCE_DATE_EPOCH": str(epoch), "PYTHONPATH": str(project)}
    done = strict_build(project, out, env)
    if done.returncode:
        pytest.fail(f"mkdocs build failed:\n{done.stderr[-3000:]}", pytrace=False)


def build_identity(site: Path) -> tuple[str, int]:
    """``site_url`` and build date (as a ``SOURCE_DATE_EPOCH``) of a built site."""
    entries = sitemap(site)
    locs = [loc for loc, _ in entries]
    dates = [lastmod[:10] for _, lastmod in entries if lastmod]
    if not locs or not dates:
        raise ValueError(f"site={site}: its sitemap.xml has no <loc> or <lastmod>")
    day = date.fromisoformat(max(dates))
    midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
    return min(locs, key=len), int(midnight.timestamp())


def differences(first: Path, second: Path) -> list[str]:
    """Files only in one build, or whose bytes differ (with the first differing line)."""
    files_1 = {p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()}
    files_2 = {p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()}
    problems = [f"{f}: only in the first build" for f in sorted(files_1 - files_2)]
    problems += [f"{f}: only in the second build" for f in sorted(files_2 - files_1)]
    for name in sorted(files_1 & files_2):
        a, b = first / name, second / name
        if name in MAY_DIFFER or filecmp.cmp(a, b, shallow=False):
            continue
        try:
            lines = difflib.unified_diff(
                a.read_text(encoding="utf-8").splitlines(),
                b.read_text(encoding="utf-8").splitlines(),
                lineterm="",
                n=0,
            )
            changed = [x for x in lines if x[:1] in "-+" and x[:3] not in ("---", "+++")]
            hint = " | ".join(line[:120] for line in changed[:4])
        except UnicodeDecodeError:
            hint = "binary"
        problems.append(f"{name}: differs: {hint}")
    return problems


def test_two_builds_are_byte_identical(site_dir: Path, tmp_path: Path) -> None:
    first = site_dir
    site_url, epoch = build_identity(first)
    clone = copy_project(tmp_path / "clone")
    second = tmp_path / "second"
    build(clone, second, site_url, epoch)

    assert (second / "index.html").is_file(), "the second build wrote no index.html"
    problems = differences(first, second)
    assert not problems, "the two builds differ:\n" + "\n".join(problems)


def test_differences_names_each_changed_file(tmp_path: Path) -> None:
    """The comparison itself notices a changed, a missing and an extra file."""
    first, second = tmp_path / "a", tmp_path / "b"
    for site in (first, second):
        (site / "sub").mkdir(parents=True)
        (site / "same.txt").write_text("x\n", encoding="utf-8")
    (first / "sub" / "page.html").write_text("<p>one</p>\n", encoding="utf-8")
    (second / "sub" / "page.html").write_text("<p>two</p>\n", encoding="utf-8")
    (first / "gone.txt").write_text("", encoding="utf-8")
    (second / "new.bin").write_bytes(b"\x00")
    assert differences(first, second) == [
        "gone.txt: only in the first build",
        "new.bin: only in the second build",
        "sub/page.html: differs: -<p>one</p> | +<p>two</p>",
    ]
