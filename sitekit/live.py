"""Live snippets for ``make serve``: edit a snippet, see its new code and output on the page.

An MkDocs hook (public hook API only) that acts only under ``mkdocs serve``; a build
(``make site``, the tests' strict build) is untouched, so a stale output file still fails
``make test`` (``tests/test_snippets.py``).

* **Watching.** :func:`on_serve` watches ``snippets/`` but not ``snippets/_outputs/``, which
  this hook writes (a write there would only start a second, identical rebuild).
* **Re-capture by digest.** Before each rebuild (:func:`on_pre_build`), every section's
  :func:`section_digest` (its code, the sections of its file that readers save as modules, the
  local modules it imports) is compared with the one recorded in ``.cache/live-snippets.json``
  when its output was last known current. Only the sections whose digest changed run, and their
  output files are rewritten as ``make outputs`` would. The first serve records the digests and
  trusts the committed outputs (``make outputs`` makes them so).
* **Failures stay out of the files.** A section that now raises writes nothing: its output file
  stays as it was, the terminal shows the error, and every page that includes the section shows
  a "failure" admonition with the traceback's tail in place of the output
  (:func:`mark_failures`), until the section runs again.
"""

from __future__ import annotations

import importlib
import json
import logging
import re
import sys
import threading
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitekit.deps import digest, local_modules
from sitekit.sections import (
    OUTPUTS,
    ROOT,
    SNIPPETS,
    Section,
    SnippetError,
    all_sections,
    parse,
    run_section,
)

log = logging.getLogger("mkdocs.hooks.live")
STATE = ROOT / ".cache" / "live-snippets.json"
TRACEBACK_LINES = 12
"""How much of a failing section's traceback a page shows: the frames nearest the error."""

_INCLUDE = re.compile(r'^[ \t]*--8<--[ \t]+"(?P<target>[^"]+)"[ \t]*$', re.M)
_FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[^\n]*\n"
    r"(?P<body>.*?)^(?P=indent)(?P=fence)[ \t]*\n?",
    re.M | re.S,
)

# State of this serve process (the hook module is loaded once and kept across rebuilds).
_serving = False
FAILURES: dict[str, str] = {}
"""Sections that raised at the last rebuild: ``ref`` -> the tail of the traceback."""


@dataclass(frozen=True)
class Capture:
    """What running one section gave: its printed text, or the error it raised."""

    section: Section
    text: str | None
    error: str | None = None


def section_digest(section: Section, root: Path = ROOT) -> str:
    """What a section's output depends on in this repository: its code and declared exception,
    the sections of its file a reader saves as modules (it may import them), and the local
    modules it imports. Equal digests, equal output."""
    saved = [s.code for s in parse(section.path) if s.saved_as and s.name != section.name]
    return digest(
        [section.code, section.raises or "", *saved], local_modules(section.code, root), root
    )


def load_state(path: Path = STATE) -> dict[str, str] | None:
    """Recorded digests (``ref`` -> digest), or None when there is no record yet."""
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return state if isinstance(state, dict) else None


def save_state(state: dict[str, str], path: Path = STATE) -> None:
    """Record the digests of the sections whose output files are current."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def changed(
    sections: list[Section], state: dict[str, str], digests: dict[str, str]
) -> list[Section]:
    """The sections whose digest is not the recorded one (new sections included)."""
    return [s for s in sections if state.get(s.ref) != digests[s.ref]]


def traceback_tail(
    error: BaseException, lines: int = TRACEBACK_LINES, start: Path | None = None
) -> str:
    """The last ``lines`` lines of the error's traceback, from the first frame in the file
    ``start`` on (the reader's code, not the machinery that ran it), paths relative to the
    repository."""
    tb = error.__traceback__
    while start is not None and tb is not None and tb.tb_frame.f_code.co_filename != str(start):
        tb = tb.tb_next
    text = "".join(traceback.format_exception(type(error), error, tb or error.__traceback__))
    return "\n".join(text.replace(f"{ROOT}/", "").rstrip("\n").splitlines()[-lines:])


def capture(section: Section) -> Capture:
    """Run a section alone, as ``make outputs`` does; an error is caught and kept."""
    try:
        return Capture(section, run_section(section))
    except (Exception, SystemExit) as error:  # a reader's code may raise anything, exit too
        return Capture(section, None, traceback_tail(error, start=section.path))


def write_output(result: Capture) -> bool:
    """Make the section's output file hold what it printed (no file when it printed nothing);
    a failed run writes nothing. True when a file was written or removed."""
    if result.error is not None or result.text is None:
        return False
    path = result.section.output_path
    if not result.text:
        if path.exists():
            path.unlink()
            return True
        return False
    if path.exists() and path.read_text(encoding="utf-8") == result.text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(result.text, encoding="utf-8")
    return True


def pages_including(snippet: str, docs: Path = ROOT / "docs") -> list[str]:
    """Pages (``docs/...md``) that include code of the snippet file ``snippets/...py`` or show
    one of its outputs: the pages an edit of it changes."""
    outputs = output_of(f"{snippet}:").removesuffix(".txt")
    found = []
    for page in sorted(docs.rglob("*.md")):
        targets = [m["target"] for m in _INCLUDE.finditer(page.read_text(encoding="utf-8"))]
        if any(t.partition(":")[0] == snippet or t.startswith(outputs) for t in targets):
            found.append(page.relative_to(docs.parent).as_posix())
    return found


def _forget_snippet_modules() -> None:
    """Drop ``snippets`` and its modules from ``sys.modules``: the next import reads the files
    as they are now (an edited ``snippets/arithmetic.py``, an edited question)."""
    for name in [n for n in sys.modules if n == "snippets" or n.startswith("snippets.")]:
        del sys.modules[name]


def refresh(state_path: Path = STATE) -> dict[str, str]:
    """Re-capture the sections whose digest changed; return the failures (``ref`` -> traceback
    tail). The first call, with no record, records the digests and runs nothing."""
    try:
        sections = all_sections()
    except SnippetError as error:  # markers half-typed: the build names the missing section
        log.info("live snippets: %s", error)
        return {}
    digests = {s.ref: section_digest(s) for s in sections}
    state = load_state(state_path)
    if state is None:
        save_state(digests, state_path)
        return {}
    todo = changed(sections, state, digests)
    failures: dict[str, str] = {}
    for section in todo:
        result = capture(section)
        pages = ", ".join(pages_including(section.path.relative_to(ROOT).as_posix()))
        if result.error is not None:
            failures[section.ref] = result.error
            log.info(
                "live snippets: %s FAILED; %s is left as it was; the error is shown on: %s\n%s",
                section.ref,
                output_of(section.ref),
                pages or "no page (none includes it)",
                result.error,
            )
            continue  # not recorded: it runs again at the next rebuild, until it passes
        written = write_output(result)
        state[section.ref] = digests[section.ref]
        log.info(
            "live snippets: re-ran %s (%s)%s",
            section.ref,
            pages or "no page includes it",
            f"; wrote {output_of(section.ref)}" if written else "",
        )
    for ref in [r for r in state if r not in digests]:
        del state[ref]
    save_state(state, state_path)
    return failures


def _admonition(indent: str, kind: str, title: str, lines: list[str]) -> str:
    body = "\n".join(f"{indent}    {line}" if line else "" for line in lines)
    return f'{indent}!!! {kind} "{title}"\n\n{body}\n\n'


def output_of(ref: str) -> str:
    """The output file of a section, from its ref, as pages include it.

    >>> output_of("snippets/myths/same_off_by_one.py:split")
    'snippets/_outputs/myths/same_off_by_one/split.txt'
    """
    path, _, name = ref.partition(":")
    return f"snippets/_outputs/{path.removeprefix('snippets/').removesuffix('.py')}/{name}.txt"


def mark_failures(markdown: str, failures: dict[str, str], root: Path = ROOT) -> str:
    """A page's Markdown with each failing section's output block replaced by a "failure"
    admonition holding the traceback's tail (added after the code block when the page shows
    no output for it), and each output block whose file is gone (the section prints nothing
    now) replaced by a note."""
    outputs = {output_of(ref): ref for ref in failures}
    shown = {outputs[t] for t in (m["target"] for m in _INCLUDE.finditer(markdown)) if t in outputs}

    def failure(indent: str, ref: str, output: str | None) -> str:
        note = (
            f"The page shows this in place of its output; `{output}` is unchanged."
            if output
            else "The section's output file is unchanged."
        )
        return _admonition(
            indent,
            "failure",
            f"Live preview: {ref} raised an error",
            [note, "", "```text", *failures[ref].splitlines(), "```"],
        )

    def replace(match: re.Match[str]) -> str:
        block, indent = match.group(), match["indent"]
        targets = [m["target"] for m in _INCLUDE.finditer(match["body"])]
        for target in targets:
            if target in outputs:
                return failure(indent, outputs[target], target)
            if target.startswith("snippets/_outputs/") and not (root / target).exists():
                return _admonition(
                    indent,
                    "note",
                    "Live preview: this section prints nothing now",
                    [f"`{target}` is gone; take this output block off the page."],
                )
        extra = [failure(indent, t, None) for t in targets if t in failures and t not in shown]
        return block if not extra else block.rstrip("\n") + "\n\n" + "".join(extra)

    return _FENCE.sub(replace, markdown)


# --- MkDocs hooks ---------------------------------------------------------------------------


def on_startup(command: str, dirty: bool) -> None:
    """Live snippets under ``mkdocs serve`` only."""
    global _serving
    _serving = command == "serve"
    if _serving:
        # Importing an edited snippet module writes its .pyc under the watched snippets/:
        # that write would start another rebuild.
        sys.dont_write_bytecode = True


def _warm_up() -> None:
    """Import TensorFlow while the server waits for an edit: the first edited section then
    runs in a moment instead of after TensorFlow's import (tens of seconds on a slow machine)."""
    try:
        importlib.import_module("tensorflow")
    except Exception:  # the section that needs it will show the error
        return


def start_warm_up() -> threading.Thread:
    """Run :func:`_warm_up` in a daemon thread (an import lock makes a capture that needs
    TensorFlow meanwhile wait for it, not import it twice)."""
    thread = threading.Thread(target=_warm_up, name="live-snippets-warm-up", daemon=True)
    thread.start()
    return thread


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    """Watch ``snippets/``, all but the output files this hook writes and the bytecode caches;
    import TensorFlow in the background."""
    server.watch(str(SNIPPETS), recursive=False)  # files at its top, new folders' creation
    for entry in sorted(SNIPPETS.iterdir()):
        if entry.is_dir() and entry.name not in (OUTPUTS.name, "__pycache__"):
            server.watch(str(entry))
    start_warm_up()
    return server


def on_pre_build(config: Any) -> None:
    """Re-capture the sections that changed since their output was written, with the
    ``snippets`` modules read afresh (an edited question shows too)."""
    global FAILURES
    if _serving:
        _forget_snippet_modules()
        FAILURES = refresh()


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any, **_: Any) -> str:
    """Show each failing section's error where its output would be."""
    if not _serving:
        return markdown
    return mark_failures(markdown, FAILURES)
