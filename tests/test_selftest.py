"""Self-test of the checks, and of the page scaffold.

Each fault test copies the project to a temporary folder, breaks one thing in the copy, runs the
narrowest check that should catch it, and asserts that the check fails with a message naming
the broken file. A check that stays green on a broken tree is a promise the site cannot keep.
Where one check must catch several faults and each run of it costs seconds (TensorFlow starts
in it, or it builds the site), one copy holds them all, each in a file of its own and with a
token of its own, and the one run must name every one of them: no fault can pass for another.

The copy runs with this interpreter and ``PYTHONPATH`` set to the copy, so ``snippets`` and
``sitekit`` are imported from the copy, not from the editable install of the real tree
(``test_copy_imports_its_own_code`` proves it). Targets (a page, a snippet, an output file) are
found in the copy, not named here, so the self-test follows the site as it grows.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import ROOT, child_env, copy_project

from sitekit.env import TF_ENV
from sitekit.live import output_of
from sitekit.scaffold import MARKER, add_to_nav, nav_sections, placeholders, validate

INCLUDE = re.compile(
    r'^[ \t]*--8<--[ \t]+"(?P<file>snippets/[^":]+\.py):(?P<section>[\w-]+)"', re.M
)
TOKEN = "selftest-injected-fault"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project (``support.copy_project``: no virtualenv or builds, with the
    notebook cache, so the copy's builds replay the real tree's notebook runs)."""
    return copy_project(tmp_path / "project")


def run(
    project: Path, *args: str, timeout: int = 600, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run ``python *args`` in the copy, with ``env`` added to a clean environment; return the
    exit code and everything it printed."""
    extra = env or {}
    env = child_env() | extra
    env.update(TF_ENV, PYTHONPATH=str(project), PYTHONDONTWRITEBYTECODE="1")
    done = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return done.returncode, done.stdout + done.stderr


def pytest_in(project: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run pytest in the copy (no coverage, no cache, full assertion messages)."""
    return run(
        project, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--tb=short", *args, env=env
    )


def strict_build(project: Path) -> tuple[int, str]:
    """The strict MkDocs build of the copy."""
    return run(project, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site"))


def assert_caught(result: tuple[int, str], *needles: str, pytest_run: bool = True) -> None:
    """The check failed (a real failure, not a usage error) and its output names every needle."""
    code, out = result
    tail = out[-4000:]
    if pytest_run:
        # 1 is "tests failed"; 2-5 would be an interrupted run, a usage error or no test at all.
        assert code == 1, f"expected failing tests (exit 1), got exit {code}:\n{tail}"
    else:
        assert code != 0, f"the check passed on a broken tree:\n{tail}"
    missing = [n for n in needles if n not in out]
    assert not missing, f"the failure does not name {missing}:\n{tail}"


def concept_includes(project: Path) -> list[tuple[Path, str, str]]:
    """``(page, snippet file, section)`` of each concept page's first include, smallest file
    first (so the checks that run it stay quick)."""
    found = []
    for page in sorted((project / "docs" / "concepts").glob("*.md")):
        if m := INCLUDE.search(page.read_text(encoding="utf-8")):
            found.append((page, m["file"], m["section"]))
    assert len(found) >= 2, "fewer than two concept pages include a snippet section"
    return sorted(found, key=lambda f: (project / f[1]).stat().st_size)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def rel(path: Path, start: Path) -> str:
    return path.relative_to(start).as_posix()


def test_copy_imports_its_own_code(project: Path) -> None:
    code, out = run(
        project, "-c", "import sitekit, snippets; print(sitekit.__file__, snippets.__file__)"
    )
    assert code == 0, out
    assert out.split() == [
        str(project / "sitekit" / "__init__.py"),
        str(project / "snippets" / "__init__.py"),
    ]


# --- the faults -------------------------------------------------------------------------------


def test_missing_snippet_section_is_caught(project: Path) -> None:
    page, file, section = concept_includes(project)[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(f"{file}:{section}", f"{file}:{section}_gone", 1), "utf-8")
    result = pytest_in(project, "tests/test_docs.py")
    assert_caught(result, rel(page, project), f"{section}_gone")


def test_untested_inline_python_block_is_caught(project: Path) -> None:
    page, _, _ = concept_includes(project)[0]
    append(page, f"\n```python\nprint({TOKEN!r})\n```\n")
    assert_caught(pytest_in(project, "tests/test_docs.py"), rel(page, project), TOKEN)


def test_snippet_checks_name_each_fault(project: Path) -> None:
    """A failing assertion outside the shown sections (the whole-file run's to catch), a line
    added to a section's output file, a wrong digit in another section's output file."""
    (_, file, section), *others = concept_includes(project)
    append(project / file, "\nassert 2 + 2 == 5, 'selftest-failing-assertion'\n")
    stale = project / output_of(f"{file}:{section}")
    assert stale.is_file(), f"{section} of {file} prints nothing: pick a section that prints"
    append(stale, "selftest-stale-output\n")
    numbered = [
        (f, s, out)
        for _, f, s in others
        if (out := project / output_of(f"{f}:{s}")) != stale
        and out.is_file()
        and re.search(r"\d", out.read_text(encoding="utf-8"))
    ]
    assert numbered, "no other concept section prints a number: pick one that does"
    file_2, section_2, wrong = numbered[0]
    text = wrong.read_text(encoding="utf-8")
    digit = re.search(r"\d", text)
    wrong.write_text(
        text[: digit.start()] + str((int(digit.group()) + 1) % 10) + text[digit.end() :],
        encoding="utf-8",
    )
    # The whole-file run of the first file (section runs have ids "file:section" and cannot see
    # the assertion), and the two sections.
    chosen = f"({file} and not :) or {file}:{section} or {file_2}:{section_2}"
    result = pytest_in(project, "tests/test_snippets.py", "-k", chosen)
    assert_caught(
        result, file, "selftest-failing-assertion", rel(stale, project), rel(wrong, project)
    )


def test_strict_build_names_each_fault(project: Path) -> None:
    """A link to a page that is not there, a link to a heading that is not there (from another
    page), a page that no menu leads to."""
    (page, _, _), (other, _, _) = concept_includes(project)[:2]
    append(page, "\n[A page that is not there](selftest-no-such-page.md)\n")
    append(other, f"\n[A heading that is not there]({page.name}#selftest-no-such-heading)\n")
    orphan = project / "docs" / "selftest-orphan.md"
    orphan.write_text(
        '---\ntitle: Orphan\ndescription: "A page no menu leads to."\n---\n\n# Orphan\n',
        encoding="utf-8",
    )
    docs = project / "docs"
    assert_caught(
        strict_build(project),
        rel(page, docs),
        "selftest-no-such-page.md",
        rel(other, docs),
        "selftest-no-such-heading",
        orphan.name,
        pytest_run=False,
    )


def test_stale_figure_is_caught(project: Path) -> None:
    figure = sorted((project / "docs" / "assets" / "figures").glob("*.svg"))[0]
    text = figure.read_text(encoding="utf-8")
    figure.write_text(text.replace("</svg>", f"<!-- {TOKEN} --></svg>", 1), encoding="utf-8")
    # Only that figure's comparison with a fresh render: others run TensorFlow.
    result = pytest_in(project, "tests/test_figures.py", "-k", f"fresh_render and {figure.name}")
    assert_caught(result, figure.name)


def test_raising_notebook_cell_is_caught(project: Path, site_dir: Path) -> None:
    notebooks = sorted((project / "docs" / "notebooks").glob("*.py"))
    assert notebooks, "no notebook in docs/notebooks/"
    notebook = notebooks[0]
    # Right after the title cell: the check stops at it, so the rest need not run (and the
    # notebook still opens with its title, which another test of the file requires).
    text = notebook.read_text(encoding="utf-8")
    second = text.index("\n# %%", text.index("\n# %%") + 1) + 1
    raising = f'# %%\nraise RuntimeError("{TOKEN}")\n\n'
    notebook.write_text(text[:second] + raising + text[second:], encoding="utf-8")
    # The real tree's site: the check compares a run with the page, and the copy's own build
    # would stop at the fault before the check could run.
    env = {"SITE_DIR": str(site_dir)}
    result = pytest_in(project, "tests/test_notebooks.py", "-k", notebook.stem, env=env)
    assert_caught(result, notebook.stem, TOKEN)  # the test's id names the notebook


def test_image_without_alt_text_is_caught(project: Path) -> None:
    page, _, _ = concept_includes(project)[0]
    figure = sorted((project / "docs" / "assets" / "figures").glob("*.svg"))[0]
    src = Path(os.path.relpath(figure, page.parent)).as_posix()
    append(page, f"\n![]({src})\n")
    assert_caught(pytest_in(project, "tests/test_docs.py"), rel(page, project), src)


def test_figure_alt_text_unlike_its_definition_is_caught(project: Path) -> None:
    page = next(
        p
        for p in sorted((project / "docs" / "concepts").glob("*.md"))
        if "](../assets/figures/" in p.read_text(encoding="utf-8")
    )
    text = page.read_text(encoding="utf-8")
    alt_end = text.index("](../assets/figures/")
    page.write_text(text[:alt_end] + f" {TOKEN}" + text[alt_end:], encoding="utf-8")
    result = pytest_in(project, "tests/test_figures.py", "-k", "alt_text")
    assert_caught(result, rel(page, project / "docs"), TOKEN)


def test_section_page_without_its_card_is_caught(project: Path) -> None:
    page = sorted((project / "docs" / "pitfalls").glob("[!i]*.md"))[0]
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"^card: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    assert_caught(pytest_in(project, "tests/test_cards.py"), rel(page, project), "card:")


def test_swapped_same_split_is_caught(project: Path) -> None:
    arithmetic = project / "snippets" / "arithmetic.py"
    text = arithmetic.read_text(encoding="utf-8")
    split = "return (total // 2, total - total // 2)"
    assert text.count(split) == 1, "same_padding() no longer returns the split in one line"
    arithmetic.write_text(text.replace(split, "return (total - total // 2, total // 2)"), "utf-8")
    result = pytest_in(project, "tests/test_arithmetic_tf.py", "-k", "same_split", "-x")
    assert_caught(result, "same_padding() in snippets/arithmetic.py")


def quick_build(project: Path) -> tuple[int, str]:
    """A build of the copy without executing the notebooks (a fault in a page cannot reach
    them, and re-running them proves nothing). Without the plugin the notebooks' nav entries
    warn, so the build is not strict."""
    (project / "no-notebooks.yml").write_text(
        "INHERIT: mkdocs.yml\nstrict: false\nplugins: [search]\n", encoding="utf-8"
    )
    return run(project, "-m", "mkdocs", "build", "-f", "no-notebooks.yml", "-d", "site")


def test_rendered_text_check_names_each_leak(project: Path) -> None:
    """Raw TeX in one page's prose, an escaped quote in another page's admonition title: the
    check over a build of the copy names each page and what leaked on it."""
    (page, _, _), (other, _, _) = concept_includes(project)[:2]
    append(page, "\nThe output has \\lceil n / s \\rceil positions.\n")
    append(other, '\n!!! note "Not \\"selftest-escaped-quote\\" at all"\n\n    Body.\n')
    code, out = quick_build(project)
    assert code == 0, f"the copy does not build:\n{out[-4000:]}"
    result = pytest_in(
        project, "tests/test_rendered_text.py", "-k", "no_page", env={"SITE_DIR": "site"}
    )

    def built(path: Path) -> str:
        return path.relative_to(project / "docs").with_suffix("").as_posix() + "/index.html"

    assert_caught(result, built(page), "\\lceil", built(other), "selftest-escaped-quote")


# --- the page scaffold ------------------------------------------------------------------------


def test_scaffolded_page_builds_and_lists_what_is_left(project: Path) -> None:
    """``python -m sitekit.scaffold`` writes a page that passes every check except the one
    that lists its TODO(scaffold) markers, which names each file the author must finish."""
    code, out = run(project, "-m", "sitekit.scaffold", "pitfall", "selftest-trap", "A: trap")
    assert code == 0, out
    # One name per page: the page, its snippet, its outputs and its questions.
    page = project / "docs" / "pitfalls" / "selftest-trap.md"
    snippet = project / "snippets" / "pitfalls" / "selftest_trap.py"
    questions = project / "snippets" / "questions" / "pitfalls" / "selftest_trap.py"
    outputs = project / "snippets" / "_outputs" / "pitfalls" / "selftest_trap"
    for path in (page, snippet, questions, outputs / "wrong.txt", outputs / "fix.txt"):
        assert path.is_file(), f"scaffold did not write {path.relative_to(project)}"
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pitfalls/selftest-trap.md" in nav_sections(config)["Pitfalls"]
    # The sections every pitfall page has, in order.
    headings = re.findall(r"^## ([^{\n]+?)(?: \{.*)?$", page.read_text(encoding="utf-8"), re.M)
    assert headings == ["The wrong code", "The fix", "Root cause"], headings

    # What it writes is lint-clean as written: `make lint` passes on the copy with the new page.
    for lint in (["check"], ["format", "--check"]):
        code, out = run(project, "-m", "ruff", *lint, "--no-cache", ".")
        assert code == 0, f"`ruff {' '.join(lint)} .` fails with the new page:\n{out[-4000:]}"

    code, out = pytest_in(project, "tests/test_docs.py")
    assert code == 0, f"the scaffolded page fails the docs checks:\n{out[-4000:]}"
    code, out = pytest_in(project, "tests/test_snippets.py", "-k", "selftest_trap")
    assert code == 0 and "passed" in out, f"its snippet fails:\n{out[-4000:]}"
    # Not strict (quick_build), so no warning may name the new page.
    code, out = quick_build(project)
    site = project / "site"
    assert code == 0, f"the scaffolded page does not build:\n{out[-4000:]}"
    warnings = [w for w in out.splitlines() if w.startswith("WARNING") and "selftest" in w]
    assert not warnings, "\n".join(warnings)
    html = (site / "pitfalls" / "selftest-trap" / "index.html").read_text(encoding="utf-8")
    assert 'data-quiz="selftest-trap-predict"' in html, "the page's question is not on it"
    index = (site / "pitfalls" / "index.html").read_text(encoding="utf-8")
    assert 'href="selftest-trap/"' in index, "the new page has no card on the pitfalls index"

    result = pytest_in(project, "tests/test_selftest.py", "-k", "placeholder_is_left")
    for path in (page, snippet, questions):
        assert_caught(result, rel(path, project))


def test_scaffold_refuses_a_taken_name(project: Path) -> None:
    page, _, _ = concept_includes(project)[0]
    before = (project / "mkdocs.yml").read_text(encoding="utf-8")
    code, out = run(project, "-m", "sitekit.scaffold", "concept", page.stem, "Again")
    assert code == 2 and f"name={page.stem!r}" in out and "already exist" in out, out
    assert (project / "mkdocs.yml").read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("kind", "name", "title", "message"),
    [
        ("essay", "ok-name", "Title", "kind='essay'"),
        ("myth", "Not_OK", "Title", "name='Not_OK'"),
        ("myth", "ok-name", "  ", "title='  '"),
    ],
)
def test_scaffold_names_the_bad_argument(kind: str, name: str, title: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        validate(kind, name, title)


def test_nav_entry_lands_in_its_section_and_keeps_the_rest() -> None:
    config = (
        "site_url: !ENV [SITE_URL, 'http://x/']\n"
        "nav:\n  - Home: index.md  # the start\n  - Concepts:\n      - A: concepts/a.md\n"
        "  - Quiz: quiz.md\nplugins:\n  - search\n"
    )
    once = add_to_nav(config, "Concepts", "B", "concepts/b.md")
    twice = add_to_nav(once, "Pitfalls", "C: with a colon", "pitfalls/c.md")
    assert nav_sections(twice) == {
        "Concepts": ["concepts/a.md", "concepts/b.md"],
        "Pitfalls": ["pitfalls/c.md"],
    }
    assert (
        twice.replace("      - B: concepts/b.md\n", "").replace(
            '  - Pitfalls:\n      - "C: with a colon": pitfalls/c.md\n', ""
        )
        == config
    )


def test_nav_entry_lands_in_a_section_under_a_tab() -> None:
    """With tabs, Myths and Pitfalls sit one level down; a missing one joins its sibling there."""
    config = (
        "nav:\n  - Learn:\n      - Home: index.md\n  - Myths & pitfalls:\n      - Myths:\n"
        "          - myths/index.md\n          - A: myths/a.md\n  - Tools:\n      - Quiz: quiz.md\n"
    )
    once = add_to_nav(config, "Myths", "B", "myths/b.md")
    twice = add_to_nav(once, "Pitfalls", "C", "pitfalls/c.md")
    assert nav_sections(twice)["Myths & pitfalls"] == [
        "myths/index.md",
        "myths/a.md",
        "myths/b.md",
        "pitfalls/c.md",
    ]
    assert nav_sections(twice)["Pitfalls"] == ["pitfalls/c.md"]
    assert "          - B: myths/b.md\n      - Pitfalls:\n          - C: pitfalls/c.md\n" in twice
    assert twice.endswith("  - Tools:\n      - Quiz: quiz.md\n")


def test_no_scaffold_placeholder_is_left() -> None:
    left = placeholders(ROOT)
    assert not left, f"finish the scaffolded pages: {len(left)} {MARKER} left:\n" + "\n".join(left)
