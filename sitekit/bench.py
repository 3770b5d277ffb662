"""``make bench``: what the site costs to build, to test and to load, in one table.

Rows: the strict build, and the same pages built with no plugins and no hooks (the floor that
MkDocs and the Markdown extensions cost alone); the test suite (the whole suite by default,
``--fast`` for the tests that need neither TensorFlow nor a browser); page weight as Chromium
loads each page with an empty cache (HTML plus every same-origin response, uncompressed); the
animations' bytes against the 3.4 MB reference set; the playground's script and stylesheet.
Budgets are reported, never asserted: timings depend on the machine. Every page's weight is
listed against its budget (500 kB a page, 350 kB the median), naming each page over it.

``--site DIR`` measures the page weights of a site already built (say with ``mkdocs build -d
DIR``) and skips the build and the test suite: the fast loop while trimming a page. Serve it on
the host and port of ``SITE_URL``, as it was built.
"""

from __future__ import annotations

import argparse
import os
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
PLAYGROUND_FILES = ("docs/javascripts/playground.js", "docs/stylesheets/playground.css")

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


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Run ``python *args`` from the project root: seconds, exit code, last lines of output."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-3:])
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


def suite_time(site: Path, fast: bool) -> tuple[str, str, str]:
    """Row for the pytest run, reusing the strict build."""
    args = ["-m", "pytest", "-q", "-p", "no:cacheprovider"]
    label = "test suite (whole)"
    if fast:
        args += ["-m", "not browser and not tf"]
        label = "test suite (--fast: no TensorFlow, no browser)"
    env = {**os.environ, "SITE_DIR": str(site)}
    seconds, code, tail = timed(args, env)
    last = tail.splitlines()[-1] if tail else ""
    return (label, f"{seconds:.1f} s", last if code == 0 else f"FAILED (exit {code}): {last}")


def _body_size(response: Any) -> int:
    try:
        return len(response.body())
    except Exception:  # a body the browser did not keep (a redirect) weighs nothing
        return 0


def _is_search(url: str) -> bool:
    """The search index and its worker: fetched in the background, once per visit."""
    path = urlsplit(url).path
    return path.endswith("/search/search_index.json") or "/workers/search." in path


def page_weights(site: Path, browser_path: str) -> dict[str, tuple[int, int]]:
    """Bytes each page costs a first-time visitor, every same-origin response body:
    ``(everything, everything but the search index and worker)``."""
    from playwright.sync_api import sync_playwright

    port = urlsplit(os.environ.get("SITE_URL", "http://127.0.0.1:8000/")).port or 8000
    pages = sorted(
        p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("*.html")
        if not p.relative_to(site).as_posix().startswith("assets/")
    )
    weights: dict[str, tuple[int, int]] = {}
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
            sizes = [
                (_body_size(r), _is_search(r.url))
                for r in responses
                if r.ok and urlsplit(r.url).netloc == origin
            ]
            weights[path or "(home)"] = (
                sum(n for n, _ in sizes),
                sum(n for n, search in sizes if not search),
            )
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


def page_table(weights: dict[str, tuple[int, int]]) -> str:
    """Every page, heaviest first: its weight, without the search index, and the verdict."""
    rows = [
        (
            path,
            kb(total),
            f"{kb(without)} without search; "
            + (f"OVER the {kb(PAGE_BUDGET)} budget" if total > PAGE_BUDGET else "within budget")
            + f" ({total / PAGE_BUDGET:.0%})",
        )
        for path, (total, without) in sorted(weights.items(), key=lambda kv: -kv[1][0])
    ]
    header = ("page", "first visit", "note")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(2)]
    lines = [f"| {header[0]:<{widths[0]}} | {header[1]:>{widths[1]}} | {header[2]}"]
    lines.append(f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * 6}")
    lines += [f"| {a:<{widths[0]}} | {b:>{widths[1]}} | {c}" for a, b, c in rows]
    return "\n".join(lines)


def weight_rows(site: Path, per_page: list[str] | None = None) -> list[tuple[str, str, str]]:
    """Rows for page weight (median / largest), or why it could not be measured. The table of
    every page is appended to ``per_page`` when given."""
    browser = find_browser()
    if not (site / "index.html").is_file():
        return [("page weight", "n/a", "the strict build failed")]
    if browser is None:
        return [("page weight", "n/a", "no Chromium found (set BROWSER_PATH)")]
    weights = page_weights(site, browser)
    if per_page is not None:
        per_page.append(page_table(weights))
    return [
        _weight_row(
            "page weight, first visit (median / largest)", {p: w[0] for p, w in weights.items()}
        ),
        _weight_row(
            "  without the search index (median / largest)", {p: w[1] for p, w in weights.items()}
        ),
    ]


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


def playground_row() -> tuple[str, str, str]:
    """Row for the playground's script and stylesheet."""
    present = [ROOT / f for f in PLAYGROUND_FILES if (ROOT / f).is_file()]
    if not present:
        return ("playground bytes", "n/a", "no playground files")
    names = " + ".join(p.name for p in present)
    return ("playground bytes", kb(sum(p.stat().st_size for p in present)), names)


def table(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table: measure, value, note."""
    header = ("measure", "value", "note")
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
        "--site",
        type=Path,
        help="measure only the page weights of this built site (no build, no test suite)",
    )
    args = parser.parse_args(argv)
    quiet_tensorflow()
    per_page: list[str] = []
    if args.site is not None:
        rows = weight_rows(args.site.resolve(), per_page)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site, floor_site = Path(tmp) / "site", Path(tmp) / "floor"
            rows = build_times(site, floor_site)
            rows.append(suite_time(site, args.fast))
            rows += weight_rows(site, per_page)
        rows += [animation_row(), playground_row()]
    print(table(rows))
    for text in per_page:
        print()
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
