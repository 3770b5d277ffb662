"""``make check PAGE=...`` (``sitekit.check`` and ``--page`` in ``tests/conftest.py``): a page's
dependencies are read right, the selection holds exactly that page's tests, and a PAGE that is no
page, or that selects nothing, stops with a message naming it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from support import ROOT, child_env

from sitekit import check
from sitekit.check import PageDeps, page_dependencies, selects
from sitekit.sections import Section, parse

MYTHS = sorted(p for p in (ROOT / "docs" / "myths").glob("*.md") if p.name != "index.md")


def write_tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_dependencies_are_read_from_the_page(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "docs/myths/a-b.md": (
                "# A\n\n<!-- quiz: q-one -->\n\n"
                '```python\n--8<-- "snippets/myths/a_b.py:first"\n```\n'
                '```text\n--8<-- "snippets/_outputs/myths/a_b/first.txt"\n```\n'
                '=== "Tab"\n\n    ```python\n    --8<-- "snippets/myths/a_b.py:second"\n    ```\n'
                "![A figure.](../assets/figures/grid.svg)\n"
                "![A photo, not generated.](../img/photo.png)\n"
                "![A figure that is not there.](../assets/figures/gone.svg)\n"
            ),
            "docs/assets/figures/grid.svg": "<svg/>",
            "docs/img/photo.png": "",
            "snippets/questions/myths/a_b.py": "QUESTIONS = []\n",
        },
    )
    deps = page_dependencies("docs/myths/a-b.md", tmp_path)
    assert deps == PageDeps(
        page="docs/myths/a-b.md",
        url="myths/a-b/",
        snippet_files=("snippets/myths/a_b.py",),
        sections=("snippets/myths/a_b.py:first", "snippets/myths/a_b.py:second"),
        outputs=("snippets/_outputs/myths/a_b/first.txt",),
        questions_module="snippets/questions/myths/a_b.py",
        question_ids=("q-one",),
        figures=("assets/figures/grid.svg",),
    )
    assert {"docs/myths/a-b.md", "myths/a-b.md", "assets/figures/grid.svg"} <= deps.keys
    write_tree(tmp_path, {"docs/notebooks/lab.py": "# %%\n"})
    assert page_dependencies("docs/notebooks/lab.py", tmp_path).notebooks == (
        "docs/notebooks/lab.py",
    )


@pytest.mark.parametrize("page", MYTHS, ids=lambda p: p.name)
def test_each_myth_depends_on_its_own_files(page: Path) -> None:
    deps = page_dependencies(page.relative_to(ROOT).as_posix())
    name = check.own_name(deps.page)
    assert deps.snippet_files == (f"snippets/{name}.py",)
    assert deps.questions_module == f"snippets/questions/{name}.py"
    assert set(deps.sections) <= {s.ref for s in parse(ROOT / deps.snippet_files[0])}
    assert deps.sections and deps.question_ids


@pytest.mark.parametrize(
    "value",
    [
        "",
        "docs/myths/no-such-myth.md",
        "README.md",
        "docs/stylesheets/extra.css",
        "../outside.md",
        "docs/myths",
    ],
)
def test_a_bad_page_is_refused_naming_the_value(value: str) -> None:
    with pytest.raises(ValueError, match="PAGE") as caught:
        page_dependencies(value)
    assert repr(value) in str(caught.value) or not value
    assert check.EXAMPLE in str(caught.value)  # and says what a good value looks like


def test_main_exits_2_on_a_bad_page(capsys: pytest.CaptureFixture) -> None:
    assert check.main(["docs/myths/no-such-myth.md"]) == 2
    assert "make check: PAGE='docs/myths/no-such-myth.md': no such page" in capsys.readouterr().err
    assert check.main([]) == 2
    assert "PAGE is empty" in capsys.readouterr().err


def test_selection_rules() -> None:
    snippet = ROOT / "snippets/myths/stride_must_tile.py"
    shown, *others = [*parse(snippet), Section(snippet, "not_shown", 1, ("pass\n",), None)]
    deps = PageDeps(
        page="docs/myths/stride-must-tile.md",
        url="myths/stride-must-tile/",
        snippet_files=("snippets/myths/stride_must_tile.py",),
        sections=(shown.ref,),
        figures=("assets/figures/stride-windows.svg",),
    )

    def chosen(
        params: dict[str, object] | None = None,
        fixtures: tuple[str, ...] = (),
        marked_pages: tuple[str, ...] | None = None,
        site_wide: bool = False,
    ) -> bool:
        return selects(deps, params or {}, fixtures, marked_pages, site_wide)

    assert chosen({"section": shown})
    assert not any(chosen({"section": s}) for s in others)  # a section the page does not show
    assert chosen({"path": snippet}) and chosen({"page": ROOT / deps.page})
    assert chosen({"src": "myths/stride-must-tile.md"})  # relative to docs/, as the browser's
    assert chosen({"figure": SimpleNamespace(path="assets/figures/stride-windows.svg")})
    assert not chosen({"page": ROOT / "docs/myths/same-off-by-one.md"})
    assert not chosen({"palette": "light"}) and not chosen()
    assert chosen({"palette": "light"}, fixtures=("page", "pages_to_check"))
    assert chosen(marked_pages=("docs/myths/stride-must-tile.md",))
    assert not chosen(marked_pages=("docs/quiz.md",))
    assert chosen(site_wide=True)


def collect(*args: str) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.returncode, done.stdout + done.stderr


def test_page_option_selects_the_pages_tests_and_no_other_pages() -> None:
    # A myth that shows a figure: every kind of dependency is there.
    page = next(p for p in MYTHS if page_dependencies(p.relative_to(ROOT).as_posix()).figures)
    deps = page_dependencies(page.relative_to(ROOT).as_posix())
    code, out = collect(f"--page={deps.page}", *check.TEST_FILES)
    assert code == 0, out[-3000:]
    ids = {line for line in out.splitlines() if "::" in line}
    expected = {
        *(
            f"tests/test_snippets.py::test_file_runs_with_its_assertions[{f}]"
            for f in deps.snippet_files
        ),
        *(
            f"tests/test_snippets.py::test_section_runs_alone_and_output_is_current[{s}]"
            for s in deps.sections
        ),
        f"tests/test_quiz.py::test_a_pages_questions_render_and_are_asked_on_it[{deps.questions_module}]",
        *(
            f"tests/test_figures.py::test_committed_figure_matches_a_fresh_render[{f}]"
            for f in deps.figures
        ),
        f"tests/test_docs.py::test_pages_have_title_and_description[{deps.page}]",
        "tests/browser/test_site.py::test_every_page[light]",
        "tests/browser/test_site.py::test_every_page[dark]",
        "tests/browser/test_figures_browser.py::test_figures_on_the_pages_load_with_their_alt_text"
        f"[{deps.page.removeprefix('docs/')}]",
    }
    assert expected <= ids, f"missing: {sorted(expected - ids)}"
    # Nothing of another page: each selected test is parametrized by this page's things, or is
    # one of the few that check every page.
    names = (check.own_name(deps.page), deps.page.removeprefix("docs/").removesuffix(".md"))
    for node in ids:
        param = re.search(r"\[(.*)\]$", node)
        if param and param[1] not in ("light", "dark"):
            assert any(n in param[1] for n in names) or param[1] in deps.keys, node
    assert len(ids) < 60, f"{len(ids)} tests: the selection is not one page's"


def test_page_option_refuses_a_bad_page_and_an_empty_selection() -> None:
    code, out = collect("--page=docs/myths/no-such-myth.md", "tests/test_quiz.py")
    assert code == 4, out[-2000:]  # a usage error, not "no tests ran"
    assert "--page: PAGE='docs/myths/no-such-myth.md': no such page" in out
    page = MYTHS[0].relative_to(ROOT).as_posix()
    code, out = collect(f"--page={page}", "tests/test_arithmetic_errors.py")
    assert code == 4, out[-2000:]
    assert f"--page={page}: selects none of the" in out


def test_every_file_of_page_tests_is_collected() -> None:
    """A test file that names pages, checks every page through ``pages_to_check`` or holds
    site-wide checks is one ``make check`` collects."""
    listed = set(check.TEST_FILES)
    assert all((ROOT / f).is_file() for f in listed), listed
    here = Path(__file__).relative_to(ROOT).as_posix()
    needles = ("mark.pages(", "mark.site_wide", "pages_to_check: ")
    missing = [
        rel
        for path in sorted((ROOT / "tests").rglob("test_*.py"))
        if (rel := path.relative_to(ROOT).as_posix()) not in listed and rel != here
        if any(n in path.read_text(encoding="utf-8") for n in needles)
    ]
    assert not missing, f"add these to sitekit.check.TEST_FILES: {missing}"


def test_the_command_runs_a_pages_quick_checks() -> None:
    """End to end, without TensorFlow and the browser (make check runs those too)."""
    page = MYTHS[0].relative_to(ROOT).as_posix()
    done = subprocess.run(
        [sys.executable, "-m", "sitekit.check", page, "--", "-m", "not tf and not browser"],
        cwd=ROOT,
        env=child_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    assert done.stdout.startswith(f"make check: {page}")
    assert re.search(r"\d+ passed", done.stdout), done.stdout[-2000:]
