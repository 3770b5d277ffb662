"""``make bench``: what the site costs to build, to test and to load, in one table.

Rows: the strict build, and the same pages built with no plugins and no hooks (the floor that
MkDocs and the Markdown extensions cost alone); the test suite (the whole suite by default,
``--fast`` for the tests that need neither TensorFlow nor a browser); page weight as Chromium
loads each page with an empty cache (HTML plus every same-origin response, uncompressed, each
URL once: a second request for it is answered by the browser's cache); the animations' bytes
against the 3.4 MB reference set; the script of each app (the planner, the playground): its
entry module and every module under lib/ it imports, transitively, with its stylesheet and the
weight of its page. Budgets are reported, never asserted: timings depend on the machine. Every
page's weight is listed against its budget (500 kB a page, 350 kB the median), naming each page
over it. The search index is not part of any page's weight: it loads only when the reader opens
search (javascripts/lazy-search.js).

``--site DIR`` measures the page weights of a site already built (say with ``mkdocs build -d
DIR``) and skips the build and the test suite: the fast loop while trimming a page. Serve it on
the host and port of ``SITE_URL``, as it was built.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitekit.env import CHROMIUM_ARGS, find_browser, quiet_tensorflow, serve

ROOT = Path(__file__).resolve().parent.parent
PAGE_BUDGET = 500_000
MEDIAN_BUDGET = 350_000
ANIMATION_REFERENCE = 3_400_000
JAVASCRIPTS = ROOT / "docs" / "javascripts"
# Each app: the page that mounts it (a path of the built site), its entry module and stylesheet.
APPS = {
    "planner": ("planner/", "docs/javascripts/planner.js", "docs/stylesheets/planner.css"),
    "playground": (
        "playground/",
        "docs/javascripts/playground.js",
        "docs/stylesheets/playground.css",
    ),
}
# A static import or re-export, on one line or several (``import {a, b} from "./x.js"``,
# ``export * from "./y.js"``), a bare ``import "./z.js"`` or a dynamic ``import("./w.js")``. The
# statement must start a line and hold no quote before ``from``, so Python code inside a JS
# string ("import numpy as np") is no import.
_JS_IMPORT = re.compile(
    r"""^[ \t]*(?:import|export)\b[^;'"`]*?\bfrom\s*(["'])([^"']+)\1"""
    r"""|^[ \t]*import\s*(["'])([^"']+)\3"""
    r"""|\bimport\(\s*(["'])([^"']+)\5\s*\)""",
    re.MULTILINE,
)

# A child config: the site's own, with every plugin and hook taken out (lists are replaced, not
# merged, by INHERIT). Not strict: without the notebook plugin its nav names files that are not
# pages any more, which is expected here.
FLOOR_CONFIG = """INHERIT: {parent}
docs_dir: {docs}
theme:
  custom_dir: {overrides}
strict: false
plugins: []
hooks: []
"""


def kb(n: float) -> str:
    """Bytes as kilobytes (1 kB = 1000 B), the unit of the page budget."""
    return f"{n / 1000:,.1f} kB"


def timed(
    args: list[str], env: dict[str, str] | None = None, summary: str | None = None
) -> tuple[float, int, str]:
    """Run ``python *args`` from the project root: seconds, exit code, and the last lines of
    output (or, given ``summary``, a regex, the lines that match it, if any)."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    lines = (done.stdout + done.stderr).strip().splitlines()
    found = [line for line in lines if summary and re.search(summary, line)]
    tail = "\n".join(found if found else lines[-3:])
    return time.perf_counter() - start, done.returncode, tail


def build_times(site: Path, floor_site: Path) -> list[tuple[str, str, str]]:
    """Rows for the strict build and for the plugin-free floor."""
    rows = []
    seconds, code, tail = timed(["-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)])
    cache = "notebooks replayed from .cache/ when unchanged; a cold build runs them"
    note = cache if code == 0 else f"FAILED (exit {code}): {tail}"
    rows.append(("strict build", f"{seconds:.1f} s", note))
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "floor.yml"
        config.write_text(
            FLOOR_CONFIG.format(
                parent=ROOT / "mkdocs.yml", docs=ROOT / "docs", overrides=ROOT / "overrides"
            ),
            encoding="utf-8",
        )
        args = ["-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(floor_site)]
        seconds, code, tail = timed(args)
    note = "no plugins, no hooks" + ("" if code == 0 else f"; FAILED (exit {code}): {tail}")
    rows.append(("  floor: same pages, bare MkDocs", f"{seconds:.1f} s", note))
    return rows


def suite_time(site: Path, fast: bool, parallel: str = "") -> tuple[str, str, str]:
    """Row for the pytest run, reusing the strict build; ``parallel`` holds the pytest-xdist
    options ``make test`` runs with (``make bench`` passes the Makefile's own)."""
    args = ["-m", "pytest", "-q", "-p", "no:cacheprovider", *shlex.split(parallel)]
    label = "test suite (whole" + (f", {parallel}" if parallel else ", one process") + ")"
    if fast:
        args += ["-m", "not browser and not tf"]
        label = "test suite (--fast: no TensorFlow, no browser)"
    env = {**os.environ, "SITE_DIR": str(site)}
    # The summary line, wherever stderr's notes put it, and the id of each test that failed.
    summary = r"^(FAILED|ERROR) |\b\d+ (passed|failed|errors?)\b"
    seconds, code, tail = timed(args, env, summary=summary)
    *failed, last = tail.splitlines() or [""]
    note = last if code == 0 else f"FAILED (exit {code}): {last}"
    note += "".join(f"; {line.split(' - ')[0]}" for line in failed)
    return (label, f"{seconds:.1f} s", note)


def _body_size(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:  # a body the browser did not keep (a redirect) weighs nothing
        return 0


def page_weights(site: Path, browser_path: str) -> dict[str, int]:
    """Bytes each page costs a first-time visitor: every same-origin response body, each URL
    once (animation.js reads an animation the <img> already loaded back from the cache: the
    server sees one request, the browser reports two responses)."""
    from playwright.sync_api import sync_playwright

    port = urlsplit(os.environ.get("SITE_URL", "http://127.0.0.1:8000/")).port or 8000
    pages = sorted(
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("assets/")
    )
    weights: dict[str, int] = {}
    with serve(site, port=port) as base, sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        origin = urlsplit(base).netloc
        for path in pages:
            context = chromium.new_context()  # a new context has an empty cache
            page = context.new_page()
            responses: list[Any] = []
            page.on("response", lambda r, bucket=responses: bucket.append(r))
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
            bodies: dict[str, int] = {}
            for r in responses:
                if r.ok and urlsplit(r.url).netloc == origin:
                    bodies[r.url] = max(bodies.get(r.url, 0), _body_size(r))
            weights[path or "(home)"] = sum(bodies.values())
            context.close()
        chromium.close()
    return weights


def _weight_row(label: str, weights: dict[str, int]) -> tuple[str, str, str]:
    heaviest = max(weights, key=weights.__getitem__)
    median = statistics.median(weights.values())
    over = sorted(p for p, w in weights.items() if w > PAGE_BUDGET)
    verdict = f"over on {len(over)} of {len(weights)}" if over else "all within"
    listed = f" ({', '.join(over)})" if over else ""
    median_verdict = "within" if median <= MEDIAN_BUDGET else "OVER"
    value = f"{kb(median)} / {kb(weights[heaviest])}"
    return (
        label,
        value,
        f"largest: {heaviest}; budget {kb(PAGE_BUDGET)} a page: {verdict}{listed}; "
        f"median budget {kb(MEDIAN_BUDGET)}: {median_verdict}",
    )


def page_table(weights: dict[str, int]) -> str:
    """Every page, heaviest first: its weight and the verdict against the page budget."""
    rows = [
        (
            path,
            kb(total),
            (f"OVER the {kb(PAGE_BUDGET)} budget" if total > PAGE_BUDGET else "within budget")
            + f" ({total / PAGE_BUDGET:.0%})",
        )
        for path, total in sorted(weights.items(), key=lambda kv: -kv[1])
    ]
    return table(rows, header=("page", "first visit", "note"))


def weight_rows(
    site: Path, per_page: list[str] | None = None, weights: dict[str, int] | None = None
) -> list[tuple[str, str, str]]:
    """Rows for page weight (median / largest), or why it could not be measured. The table of
    every page is appended to ``per_page``, and each page's weight stored in ``weights``, when
    given."""
    browser = find_browser()
    if not (site / "index.html").is_file():
        return [("page weight", "n/a", "the strict build failed")]
    if browser is None:
        return [("page weight", "n/a", "no Chromium found (set BROWSER_PATH)")]
    measured = page_weights(site, browser)
    if per_page is not None:
        per_page.append(page_table(measured))
    if weights is not None:
        weights.update(measured)
    return [_weight_row("page weight, first visit (median / largest)", measured)]


def animation_row() -> tuple[str, str, str]:
    """Row for the animations, from ``snippets.figures.animation_bytes`` when it exists."""
    try:
        from snippets.figures import animation_bytes
    except ImportError:
        return ("animation bytes", "n/a", "snippets.figures.animation_bytes() not found")
    total = animation_bytes()
    share = total / ANIMATION_REFERENCE
    return (
        "animation bytes",
        kb(total),
        f"{share:.0%} of the {kb(ANIMATION_REFERENCE)} reference set",
    )


def module_graph(entry: Path) -> list[Path]:
    """``entry`` and every module it imports by a relative specifier, transitively, in the order
    found (each once).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> _ = (d / "lib").mkdir(), (d / "app.js").write_text(
    ...     'import { a,\\n  b } from "./lib/a.js";\\nconst s = ["import x", "from y"];\\n')
    >>> _ = (d / "lib" / "a.js").write_text('export * from "./b.js";\\nimport("./a.js");\\n')
    >>> _ = (d / "lib" / "b.js").write_text("export const b = 1;\\n")
    >>> [p.relative_to(d).as_posix() for p in module_graph(d / "app.js")]
    ['app.js', 'lib/a.js', 'lib/b.js']
    """
    found = [entry.resolve()]
    for module in found:  # grows while it is read: a breadth-first walk
        for match in _JS_IMPORT.finditer(module.read_text(encoding="utf-8")):
            spec = match.group(2) or match.group(4) or match.group(6)
            if not spec.startswith(("./", "../")):
                continue  # a bare specifier or a URL: not one of the site's files
            target = (module.parent / spec).resolve()
            if target not in found:
                found.append(target)
    return found


def app_rows(weights: dict[str, int] | None = None) -> list[tuple[str, str, str]]:
    """Rows for each app's script: its entry module and every module it imports (bytes on
    disk, uncompressed), with its stylesheet and, when measured, the weight of its page."""
    rows = []
    for name, (page, entry, style) in APPS.items():
        if not (ROOT / entry).is_file():
            rows.append((f"{name} script", "n/a", f"no {entry}"))
            continue
        modules = module_graph(ROOT / entry)
        missing = [m for m in modules if not m.is_file()]
        if missing:
            names = ", ".join(m.relative_to(ROOT).as_posix() for m in missing)
            rows.append((f"{name} script", "n/a", f"imports missing modules: {names}"))
            continue
        total = sum(m.stat().st_size for m in modules)
        libs = [m for m in modules[1:] if m.parent == JAVASCRIPTS / "lib"]
        others = len(modules) - 1 - len(libs)
        note = f"{Path(entry).name} + {len(libs)} lib/ module{'s' * (len(libs) != 1)}"
        note += f" + {others} other{'s' * (others != 1)}" if others else ""
        if (ROOT / style).is_file():
            note += f"; {Path(style).name} {kb((ROOT / style).stat().st_size)}"
        if weights and page in weights:
            verdict = "within" if weights[page] <= PAGE_BUDGET else "OVER"
            note += f"; page {page}: {kb(weights[page])} ({verdict} the page budget)"
        rows.append((f"{name} script", kb(total), note))
    return rows


def table(
    rows: list[tuple[str, str, str]], header: tuple[str, str, str] = ("measure", "value", "note")
) -> str:
    """A Markdown table of three columns (by default measure, value, note), values right-aligned."""
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(2)]
    lines = [f"| {header[0]:<{widths[0]}} | {header[1]:>{widths[1]}} | {header[2]}"]
    lines.append(f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * 6}")
    lines += [f"| {a:<{widths[0]}} | {b:>{widths[1]}} | {c}" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make bench``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--fast", action="store_true", help="time only the tests that need no TensorFlow/browser"
    )
    parser.add_argument(
        "--parallel",
        default="",
        metavar="OPTIONS",
        help="pytest-xdist options for the suite, as make test gives them (default: one process)",
    )
    parser.add_argument(
        "--site",
        type=Path,
        help="measure only the page weights of this built site (no build, no test suite)",
    )
    args = parser.parse_args(argv)
    quiet_tensorflow()
    per_page: list[str] = []
    weights: dict[str, int] = {}
    if args.site is not None:
        rows = weight_rows(args.site.resolve(), per_page, weights)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site, floor_site = Path(tmp) / "site", Path(tmp) / "floor"
            rows = build_times(site, floor_site)
            rows.append(suite_time(site, args.fast, args.parallel))
            rows += weight_rows(site, per_page, weights)
        rows.append(animation_row())
    rows += app_rows(weights)
    print(table(rows))
    for text in per_page:
        print()
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
