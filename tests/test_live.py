"""Live snippets under ``make serve`` (``sitekit/live.py``): which sections re-run after an edit,
which pages show them, what a failing section does to its page and to its output file, and that
a build (not a serve) is left alone."""

from __future__ import annotations

import dataclasses
import shutil
import sys
from pathlib import Path

import markdown as md
import pytest

from sitekit import live, sections
from sitekit.live import Capture, mark_failures, output_of, section_digest
from sitekit.sections import ROOT, SNIPPETS, Section, all_sections, parse

SNIPPET = ROOT / "snippets/myths/stride_must_tile.py"


def first_printing(path: Path = SNIPPET) -> Section:
    """The first section of a snippet file whose output the page shows."""
    return next(s for s in parse(path) if s.output_path.exists())


def with_code(section: Section, code: str) -> Section:
    return dataclasses.replace(section, lines=tuple(code.splitlines(keepends=True)))


def test_digest_follows_the_sections_code_and_what_it_imports(tmp_path: Path) -> None:
    everything = all_sections()
    digests = {s.ref: section_digest(s) for s in everything}
    assert live.changed(everything, digests, digests) == []
    alone = first_printing()
    edited = with_code(alone, alone.code + "print('edited')\n")
    after = digests | {edited.ref: section_digest(edited)}
    others = [s for s in everything if s.ref != alone.ref]
    assert live.changed([*others, edited], digests, after) == [edited]

    # A section that imports snippets.arithmetic, in a copy whose arithmetic changed: only its
    # digest moves.
    importing = with_code(alone, "from snippets.arithmetic import conv_output_size\n")
    copy = tmp_path / "tree"
    shutil.copytree(SNIPPETS, copy / "snippets", ignore=shutil.ignore_patterns("_outputs"))
    assert section_digest(importing, copy) == section_digest(importing)
    assert section_digest(alone, copy) == section_digest(alone)
    with (copy / "snippets/arithmetic.py").open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    assert section_digest(importing, copy) != section_digest(importing)
    assert section_digest(alone, copy) == section_digest(alone)


def test_pages_including_a_snippet_file() -> None:
    for path in sorted((SNIPPETS / "myths").glob("[a-z]*.py")):
        rel = path.relative_to(ROOT).as_posix()
        page = "docs/" + rel.removeprefix("snippets/").removesuffix(".py").replace("_", "-") + ".md"
        assert live.pages_including(rel) == [page]
    assert live.pages_including("snippets/no_such_file.py") == []
    assert output_of(f"{SNIPPET.relative_to(ROOT).as_posix()}:x") == (
        "snippets/_outputs/myths/stride_must_tile/x.txt"
    )


@pytest.mark.tf  # runs a section that imports TensorFlow
def test_a_failing_section_keeps_its_output_file(tmp_path: Path) -> None:
    section = first_printing()
    before = section.output_path.read_bytes()
    broken = with_code(section, section.code + "raise ValueError('live-test failure')\n")
    result = live.capture(broken)
    assert result.text is None and result.error is not None
    assert result.error.splitlines()[-1] == "ValueError: live-test failure"
    assert (
        f'File "{SNIPPET.relative_to(ROOT).as_posix()}", line' in result.error
    )  # where, in the file
    assert len(result.error.splitlines()) <= live.TRACEBACK_LINES
    assert "sitekit" not in result.error  # the reader's code only, not what ran it
    assert live.write_output(result) is False
    assert section.output_path.read_bytes() == before


def test_a_passing_section_writes_what_it_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = first_printing()
    monkeypatch.setattr(sections, "OUTPUTS", tmp_path)  # Section.output_path reads it
    section = with_code(shown, "print('fresh')\n")
    assert live.write_output(live.capture(section)) is True
    assert section.output_path.read_text(encoding="utf-8") == "fresh\n"
    assert live.write_output(live.capture(section)) is False  # same text: no write
    silent = with_code(section, "x = 1\n")
    assert live.write_output(live.capture(silent)) is True  # prints nothing now: file removed
    assert not section.output_path.exists()


def test_refresh_reruns_only_changed_sections_and_records_only_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sections, "OUTPUTS", tmp_path / "outputs")
    base = parse(SNIPPET)[0]
    good = with_code(base, "print('one')\n")
    bad = dataclasses.replace(with_code(base, "print('two')\n"), name="other")
    current = [good, bad]
    monkeypatch.setattr(live, "all_sections", lambda: current)
    ran: list[str] = []
    real_capture = live.capture
    monkeypatch.setattr(live, "capture", lambda s: ran.append(s.ref) or real_capture(s))
    state = tmp_path / "state.json"

    assert live.refresh(state) == {}  # the first serve records, runs nothing, writes nothing
    assert ran == [] and not (tmp_path / "outputs").exists()
    assert set(live.load_state(state) or {}) == {good.ref, bad.ref}

    current[:] = [with_code(good, "print('one, edited')\n"), with_code(bad, "1 / 0\n")]
    failures = live.refresh(state)
    assert ran == [good.ref, bad.ref]
    assert list(failures) == [bad.ref] and "ZeroDivisionError" in failures[bad.ref]
    assert current[0].output_path.read_text(encoding="utf-8") == "one, edited\n"
    assert not current[1].output_path.exists()  # the failing section wrote nothing

    ran.clear()
    failures = live.refresh(state)  # nothing edited: only the failing section runs again
    assert ran == [bad.ref] and list(failures) == [bad.ref]
    current[1] = with_code(bad, "print('two, fixed')\n")
    ran.clear()
    assert live.refresh(state) == {} and ran == [bad.ref]
    assert current[1].output_path.read_text(encoding="utf-8") == "two, fixed\n"


def test_forgetting_snippet_modules_makes_the_next_import_fresh() -> None:
    import snippets.arithmetic  # noqa: F401  (so that there is one to forget)

    saved = {n: m for n, m in sys.modules.items() if n == "snippets" or n.startswith("snippets.")}
    assert "snippets.arithmetic" in saved
    try:
        live._forget_snippet_modules()
        assert not [n for n in sys.modules if n.startswith("snippets")]
    finally:
        sys.modules.update(saved)


PAGE = """\
# Page

```python title="snippets/myths/stride_must_tile.py"
--8<-- "snippets/myths/stride_must_tile.py:{name}"
```

```text title="Output"
--8<-- "snippets/_outputs/myths/stride_must_tile/{name}.txt"
```

=== "TensorFlow"

    ```python
    --8<-- "snippets/myths/stride_must_tile.py:tabbed"
    ```

```text
--8<-- "snippets/_outputs/myths/stride_must_tile/gone.txt"
```
"""


def test_a_failing_section_shows_its_error_on_the_page() -> None:
    name = first_printing().name
    page = PAGE.format(name=name)
    ref = f"snippets/myths/stride_must_tile.py:{name}"
    tabbed = "snippets/myths/stride_must_tile.py:tabbed"
    failures = {
        ref: "Traceback (most recent call last):\nValueError: live-test failure",
        tabbed: "Traceback (most recent call last):\nKeyError: 'tab'",
    }
    marked = mark_failures(page, failures)
    assert f'--8<-- "{ref}"' in marked  # the new code is still shown
    assert output_of(ref) not in marked.replace(f"`{output_of(ref)}`", "")  # not the old output
    assert f'!!! failure "Live preview: {ref} raised an error"' in marked
    # In a tab, the error goes under the code block, indented with it.
    assert f'    !!! failure "Live preview: {tabbed} raised an error"' in marked
    assert '!!! note "Live preview: this section prints nothing now"' in marked  # gone.txt
    html = md.markdown(marked, extensions=["admonition", "pymdownx.superfences", "pymdownx.tabbed"])
    assert '<div class="admonition failure">' in html
    assert "ValueError: live-test failure" in html and "KeyError:" in html
    # Nothing fails and every output exists: the page is left as it is.
    untouched = page.replace(
        '```text\n--8<-- "snippets/_outputs/myths/stride_must_tile/gone.txt"\n```\n', ""
    )
    assert mark_failures(untouched, {}) == untouched


class Server:
    def __init__(self) -> None:
        self.watched: list[tuple[str, bool]] = []

    def watch(self, path: str, *, recursive: bool = True) -> None:
        self.watched.append((path, recursive))


def test_only_serve_is_live(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(live, "refresh", lambda: calls.append("refresh") or {"x.py:a": "Boom"})
    # Forgetting snippets' modules would give this test session new copies of them.
    monkeypatch.setattr(live, "_forget_snippet_modules", lambda: calls.append("forget"))
    monkeypatch.setattr(live, "FAILURES", {})
    monkeypatch.setattr(sys, "dont_write_bytecode", sys.dont_write_bytecode)
    page = PAGE.format(name="a").replace("stride_must_tile", "x")
    try:
        live.on_startup(command="build", dirty=False)
        live.on_pre_build(config=None)
        assert calls == [] and live.on_page_markdown(page, None, None, None) == page
        live.on_startup(command="serve", dirty=False)
        live.on_pre_build(config=None)
        assert calls == ["forget", "refresh"] and live.FAILURES == {"x.py:a": "Boom"}
        assert sys.dont_write_bytecode  # .pyc writes under snippets/ would start rebuilds
    finally:
        live.on_startup(command="build", dirty=False)


def test_serve_watches_snippets_but_not_the_outputs(monkeypatch: pytest.MonkeyPatch) -> None:
    warmed: list[bool] = []
    monkeypatch.setattr(live, "start_warm_up", lambda: warmed.append(True))
    server = Server()
    assert live.on_serve(server, config=None, builder=None) is server
    assert warmed == [True]  # TensorFlow is imported before the first edit needs it
    watched = dict(server.watched)
    assert watched.pop(str(SNIPPETS)) is False  # its own files, not its folders
    folders = {Path(p).relative_to(SNIPPETS).as_posix() for p in watched}
    assert {"myths", "concepts", "questions", "figures"} <= folders
    assert "_outputs" not in folders and "__pycache__" not in folders
    assert all(watched.values())


@pytest.mark.tf  # runs a section that imports TensorFlow
def test_capture_is_what_make_outputs_writes() -> None:
    section = first_printing()
    assert live.capture(section) == Capture(
        section, section.output_path.read_text(encoding="utf-8")
    )


@pytest.mark.parametrize("ref", ["snippets/a.py:s", "snippets/porting/rosetta.py:conv_tf"])
def test_output_of(ref: str) -> None:
    path, _, name = ref.partition(":")
    section = Section(ROOT / path, name, 1, (), None)
    assert output_of(ref) == section.output_path.relative_to(ROOT).as_posix()
