"""The playground in real Chromium agrees with ``snippets.arithmetic``, and people can use it.

The page is loaded once per test and driven in-page: ``window.playground.load(query)`` takes the
same path as opening a URL, and real control input (``select_option``, ``fill``, key presses)
takes the path a reader's typing takes. Every result is compared with ``playground_cases``,
which computes it with the Python arithmetic.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playground_cases import (
    Expected,
    check,
    edge_queries,
    expected,
    query,
    random_queries,
    read_query,
    walk,
)

from .pages import set_palette

pytestmark = [pytest.mark.browser, pytest.mark.pages("docs/playground/index.md")]
MAX_CELLS = 5000  # the page draws grids up to this size and says so beyond it

# Everything a test compares, read from the page in one evaluate.
READ = """() => {
  const root = document.querySelector("[data-playground]");
  const text = (id) => root.querySelector(`[data-testid="${id}"]`).textContent;
  const grid = root.querySelector(".pg-figure .pg-grid");
  const shape = {state: root.querySelector(".pg-view").getAttribute("data-state")};
  if (grid) {
    const rows = [...grid.children].map((row) =>
      [...row.children].map((cell) => cell.classList.contains("pg-pad")));
    const real = rows.map((row) => row.indexOf(false));
    const first = real.findIndex((i) => i >= 0);
    const last = real.length - 1 - [...real].reverse().findIndex((i) => i >= 0);
    const row = rows[first];
    shape.pads = [first, rows.length - 1 - last, row.indexOf(false),
      row.length - 1 - row.lastIndexOf(false)];
    shape.outCells = root.querySelectorAll(".pg-grid--out [role=gridcell]").length;
    shape.taps = grid.querySelectorAll(".pg-tap").length;
  }
  const all = root.textContent;
  return {
    error: root.querySelector('[data-testid="error"]') !== null,
    errorText: root.querySelector('[data-testid="error"]')?.textContent ?? "",
    values: ["out-h", "out-w", "pad-top", "pad-bottom", "pad-left", "pad-right"].map(text),
    kerasNote: root.querySelector('[data-testid="note-keras"]') !== null,
    search: new URL(root.querySelector('[data-testid="permalink"]').href).search,
    code: text("code"),
    broken: ["NaN", "undefined", "null", "Infinity"].filter((word) => all.includes(word)),
    shape,
  };
}"""

BATCH = f"""(queries) => {{
  const read = {READ};
  return queries.map((q) => {{ window.playground.load(q); return read(); }});
}}"""


def open_playground(page: Any, query_string: str = "") -> None:
    page.goto("playground/" + query_string)
    page.wait_for_selector("[data-playground][data-ready]")


def problems(query_string: str, shown: dict[str, Any]) -> list[str]:
    """Every way the page's reading differs from the arithmetic (empty when it agrees)."""
    want = expected(query_string)
    found = []
    if shown["error"] != want.error:
        found.append(f"error shown={shown['error']} expected={want.error} {shown['errorText']!r}")
    if shown["broken"]:
        found.append(f"page text contains {shown['broken']}")
    if expected(shown["search"]) != want:
        found.append(f"its link, {shown['search']!r}, means something else")
    state = shown["shape"]["state"]
    if want.error:
        if shown["values"] != ["–"] * 6 or state != "empty":
            found.append(f"invalid but shows {shown['values']} and a grid state {state!r}")
        return found
    numbers = [want.out_h, want.out_w, *want.pads]
    if shown["values"] != [str(v) for v in numbers]:
        found.append(f"shows {shown['values']}, expected {numbers}")
    if shown["kerasNote"] != want.keras_note:
        found.append(f"Keras note shown={shown['kerasNote']} expected={want.keras_note}")
    if not shown["code"].startswith(("import keras\n", "import tensorflow as tf\n")):
        found.append(f"no code: {shown['code'][:60]!r}")
    # The large grid is the padded input (a transposed convolution's padded output); the small
    # one has a cell per window: the output (a transposed convolution's input).
    op, _, values = check(read_query(query_string))
    top, bottom, left, right = want.pads
    sizes = [(values["h"], values["w"]), (want.out_h, want.out_w)]
    (base_h, base_w), (small_h, small_w) = sizes[::-1] if op == "transposed" else sizes
    large = (base_h + top + bottom) * (base_w + left + right)
    if state != ("large" if max(large, small_h * small_w) > MAX_CELLS else "drawn"):
        found.append(f"grid state {state!r} for {large} and {small_h * small_w} cells")
    elif state == "drawn":
        grid = shown["shape"]
        if grid["pads"] != list(want.pads):
            found.append(f"grid pads {grid['pads']}, expected {list(want.pads)}")
        if grid["taps"] == 0:
            found.append("no window highlighted")
        if grid["outCells"] != small_h * small_w:
            found.append(f"{grid['outCells']} cells in the small grid, not {small_h * small_w}")
    return found


def run_batch(page: Any, queries: list[str]) -> list[str]:
    failures = []
    for start in range(0, len(queries), 250):
        chunk = queries[start : start + 250]
        for q, shown in zip(chunk, page.evaluate(BATCH, chunk), strict=True):
            failures += [f"{q}: {p}" for p in problems(q, shown)]
    return failures


def wait_for_address(page: Any) -> str:
    """Wait until the address bar holds the page's own link to its configuration."""
    page.wait_for_function(
        "new URL(document.querySelector('[data-testid=permalink]').href).search === location.search"
    )
    return page.evaluate("location.search")


def assert_clean(page: Any) -> None:
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors
    assert page.foreign_requests == [], page.foreign_requests


def test_url_state_matches_the_arithmetic(page: Any) -> None:
    """2,000 seeded random configurations and every hand-picked edge case, through the URL path."""
    open_playground(page)
    queries = edge_queries() + random_queries(seed=20240601, count=2000)
    failures = run_batch(page, queries)
    assert failures == [], f"{len(failures)} mismatches, first: " + "\n".join(failures[:10])
    assert expected(wait_for_address(page)) == expected(queries[-1])
    # Both outcomes were exercised in numbers, so the comparison above meant something.
    outcomes = [expected(q) for q in queries]
    assert sum(o.error for o in outcomes) > 500 and sum(not o.error for o in outcomes) > 1000
    assert sum(o.keras_note for o in outcomes) > 50
    assert_clean(page)


def test_a_real_page_load_restores_the_url(page: Any) -> None:
    """Opening a URL (not the hook) restores every field, and bad values name field and value."""
    q = query(op="transposed", h=4, w=5, kh=3, kw=2, sh=2, sw=3, dh=1, dw=1, padding="same", oph=0)
    open_playground(page, q)
    assert page.input_value("[data-testid=op]") == "transposed"
    assert page.input_value("[data-testid=oph]") == "0"
    assert page.input_value("[data-testid=opw]") == ""
    assert problems(q, page.evaluate(READ)) == []
    # Material's search highlighting also reads ?h= and would mark every "4" on the page.
    page.wait_for_load_state("networkidle")
    assert page.locator("mark[data-md-highlight]").count() == 0

    open_playground(page, "?op=conv&h=abc&w=65&padding=SAME")
    message = page.inner_text("[data-testid=error]")
    assert 'h (input size height) must be an integer from 1 to 64; got "abc"' in message
    assert 'w (input size width) must be an integer from 1 to 64; got "65"' in message
    assert page.get_attribute("[data-testid=h]", "aria-invalid") == "true"
    assert page.input_value("[data-testid=padding]") == "same"

    open_playground(page, "?op=conv&h=3&w=3&kh=5&kw=5&padding=valid")
    assert "Computed output size would be zero or negative" in page.inner_text(
        "[data-testid=error]"
    )
    assert page.inner_text(".pg-nogrid").startswith("No grid to draw")
    assert_clean(page)


def test_control_input_matches_the_arithmetic(page: Any) -> None:
    """A few hundred configurations reached by choosing and typing in the controls."""
    open_playground(page)
    steps = walk(seed=7, steps=300)
    failures = []
    for index, (changed, state) in enumerate(steps):
        for key in changed:
            if key in ("op", "padding"):
                page.select_option(f"[data-testid={key}]", state[key])
            else:
                page.fill(f"[data-testid={key}]", state[key])
        shown = page.evaluate(READ)
        typed = query(**state)
        failures += [f"{typed}: {p}" for p in problems(typed, shown)]
        if index % 30 == 0 and expected(wait_for_address(page)) != expected(typed):
            failures.append(f"{typed}: the address became {page.evaluate('location.search')}")
    assert failures == [], f"{len(failures)} mismatches, first: " + "\n".join(failures[:10])
    outcomes = [expected(query(**state)) for _, state in steps]
    assert 30 < sum(o.error for o in outcomes) < 270

    # Key presses, not fill: typing digits, and the arrow keys stepping a number.
    page.select_option("[data-testid=op]", "conv")
    page.select_option("[data-testid=padding]", "same")
    page.fill("[data-testid=h]", "")
    page.locator("[data-testid=h]").press_sequentially("15")
    page.locator("[data-testid=h]").press("ArrowUp")
    assert page.input_value("[data-testid=h]") == "16"
    shown = page.evaluate(READ)
    assert problems(shown["search"], shown) == []
    assert "h=16" in wait_for_address(page)
    assert_clean(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page: Any, scheme: str) -> None:
    """Zero axe violations in both palettes, for a grid, notes, an error and a transposed view."""
    open_playground(page)
    set_palette(page, scheme)
    for q in (
        "?op=conv&h=9&w=9&kh=3&kw=3&sh=2&sw=2&dh=2&dw=2&padding=same",
        "?op=transposed&h=3&w=4&kh=3&kw=3&sh=2&sw=2&padding=explicit&pt=1&pb=0&pl=0&pr=1",
        "?op=avgpool&h=0&w=5&padding=causal",
    ):
        page.evaluate("(q) => window.playground.load(q)", q)
        if page.locator("[data-index]").count():
            page.hover("[data-index]")
        results = Axe().run(page)
        violations = [
            f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
            for v in results.response["violations"]
        ]
        assert violations == [], f"{scheme} {q}: {violations}"
    assert_clean(page)


def test_keyboard_highlight_and_stepping(page: Any) -> None:
    """Tab reaches every shown control in order; focusing an output cell lights its window."""
    page.emulate_media(reduced_motion="reduce")
    open_playground(page, "?op=conv&h=7&w=6&kh=3&kw=3&sh=2&sw=2&dh=2&dw=1&padding=same")
    page.focus("[data-testid=op]")
    order = ["op"]
    for _ in range(9):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.dataset.testid"))
    assert order == ["op", "padding", "h", "w", "kh", "kw", "sh", "sw", "dh", "dw"]
    labels = []
    for _ in range(4):
        page.keyboard.press("Tab")
        labels.append(page.evaluate("document.activeElement.textContent"))
    assert labels == ["Link to this configuration", "◀ Previous", "Play", "Next ▶"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('role')") == "gridcell"
    # Dilation 2 along the height: 3 x 3 taps, and 3 cells between them only spanned.
    assert page.locator(".pg-figure .pg-tap").count() == 9
    assert page.locator(".pg-figure .pg-span").count() == 6
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.dataset.index") == "4"  # row 1, column 1
    assert page.inner_text("[data-testid=readout]").startswith("Output [1, 1] reads 9 cells")
    assert page.inner_text(".pg-position") == "Window 5 of 12"
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.dataset.index") == "5"
    # The mouse does what focus does.
    page.hover("[data-index='0']")
    assert page.inner_text("[data-testid=readout]").startswith("Output [0, 0] reads 9 cells")
    page.hover("[data-index='5']")
    page.mouse.move(0, 0)  # out of the way: scrolling under the pointer would hover a cell
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "copy"

    page.click("[data-step='1']")
    assert page.inner_text(".pg-position") == "Window 7 of 12"
    page.click("[data-step='-1']")
    page.click("[data-step='-1']")
    assert page.inner_text(".pg-position") == "Window 5 of 12"
    # Play is the reader's choice; with reduced motion it steps every 2 s instead of 0.7 s.
    position = "document.querySelector('.pg-position').textContent"
    page.click("[data-play]")
    assert page.inner_text("[data-play]") == "Pause"
    page.wait_for_timeout(1200)
    assert page.evaluate(position) == "Window 5 of 12"
    page.wait_for_function(f"{position} === 'Window 6 of 12'", timeout=3000)
    page.click("[data-play]")
    assert page.inner_text("[data-play]") == "Play"
    page.wait_for_timeout(2200)
    assert page.evaluate(position) == "Window 6 of 12"
    page.emulate_media(reduced_motion="no-preference")
    page.click("[data-play]")
    page.wait_for_function(f"{position} === 'Window 7 of 12'", timeout=1500)
    page.click("[data-play]")
    # Average pooling: the readout names the divisor, which leaves the padding out.
    page.evaluate("window.playground.load('?op=avgpool&h=5&w=5&kh=2&kw=2&sh=2&sw=2&padding=same')")
    page.focus("[data-index='8']")
    assert page.inner_text("[data-testid=readout]").startswith(
        "Output [2, 2] = sum of 1 input cell ÷ 1"
    )
    assert_clean(page)


def test_copy_button_copies_the_code(page: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_playground(page, "?op=maxpool&h=6&w=6&kh=2&kw=2&sh=2&sw=2&padding=explicit&pt=1&pr=1")
    page.click("[data-testid=copy]")
    page.wait_for_function("document.querySelector('.pg-copied').textContent === 'Copied.'")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.inner_text("[data-testid=code]")
    assert "padding=[[0, 0], [1, 0], [0, 1], [0, 0]]" in copied
    assert_clean(page)


def test_instant_navigation_keeps_it_working(page: Any) -> None:
    """Away and back through the nav without a reload, then the controls and links still work."""
    open_playground(page, "?op=conv&h=9&w=9&kh=3&kw=3&sh=2&sw=2&padding=same")
    page.evaluate("window.__noReload = true")
    # Each page's sidebar holds its own tab only (navigation.prune): go by the tabs.
    page.locator("nav.md-tabs a.md-tabs__link", has_text="Learn").click()
    page.locator(".md-nav__link", has_text="Padding").first.click()
    page.wait_for_url("**/concepts/padding/")
    page.locator("nav.md-tabs a.md-tabs__link", has_text="Tools").click()
    page.locator(".md-nav__link", has_text="Playground").first.click()
    # The playground writes its state into the query soon after it starts.
    page.wait_for_url(re.compile(r"/playground/(\?.*)?$"))
    page.wait_for_selector("[data-playground][data-ready]")
    assert page.evaluate("window.__noReload") is True, "instant navigation reloaded the page"
    page.fill("[data-testid=h]", "11")
    shown = page.evaluate(READ)
    assert "h=11" in wait_for_address(page)
    assert problems(shown["search"], shown) == []
    # An example link in the prose changes only the query: the page takes it up.
    page.locator("a", has_text="a 5 × 5 input pooled 2 × 2 with stride 2").click()
    assert page.input_value("[data-testid=op]") == "avgpool"
    assert page.evaluate("document.activeElement.dataset.testid") == "op"
    assert "op=avgpool" in wait_for_address(page)
    shown = page.evaluate(READ)
    assert problems(shown["search"], shown) == [] and shown["values"][:2] == ["3", "3"]
    assert page.evaluate("window.__noReload") is True
    # An anchor link on the page keeps its ordinary meaning.
    page.locator("#how-to-use-it a.headerlink").click()
    page.wait_for_function("location.hash === '#how-to-use-it'")
    page.wait_for_function("location.search.includes('op=avgpool')")
    assert page.evaluate("document.activeElement.dataset.testid") != "op"
    assert_clean(page)


RUNNER = """
import contextlib, io, json, sys
results = []
for code in json.load(sys.stdin):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<playground>", "exec"), {})
        results.append({"printed": out.getvalue().splitlines(), "error": None})
    except Exception as e:
        error = type(e).__name__ + ": " + str(e)
        results.append({"printed": out.getvalue().splitlines(), "error": error})
print(json.dumps(results))
"""

# One valid configuration for every kind of code the page writes.
CODE_CASES = [
    "?op=conv&h=7&w=6&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&padding=same",
    "?op=conv&h=7&w=8&kh=3&kw=2&sh=3&sw=1&dh=1&dw=3&padding=valid",
    "?op=conv&h=7&w=6&kh=3&kw=3&sh=2&sw=1&dh=1&dw=1&padding=explicit&pt=0&pb=2&pl=3&pr=1",
    "?op=conv&h=9&w=9&kh=3&kw=3&sh=2&sw=2&dh=2&dw=2&padding=same",
    "?op=conv&h=9&w=7&kh=3&kw=2&sh=2&sw=1&dh=1&dw=2&padding=explicit&pt=1&pb=0&pl=2&pr=2",
    "?op=conv&h=1&w=10&kh=1&kw=3&sh=1&sw=1&dh=1&dw=2&padding=causal",
    "?op=conv&h=1&w=11&kh=1&kw=3&sh=1&sw=2&dh=1&dw=2&padding=causal",
    "?op=maxpool&h=7&w=5&kh=3&kw=2&sh=2&sw=2&padding=same",
    "?op=maxpool&h=6&w=6&kh=3&kw=2&sh=2&sw=1&padding=explicit&pt=2&pb=0&pl=1&pr=1",
    "?op=avgpool&h=5&w=5&kh=2&kw=2&sh=2&sw=2&padding=same",
    "?op=avgpool&h=6&w=7&kh=3&kw=3&sh=1&sw=2&padding=explicit&pt=1&pb=2&pl=0&pr=1",
    "?op=transposed&h=4&w=3&kh=3&kw=2&sh=2&sw=3&dh=1&dw=1&padding=valid",
    "?op=transposed&h=4&w=4&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&padding=same&oph=0&opw=1",
    "?op=transposed&h=4&w=5&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&padding=same&oph=1",
    "?op=transposed&h=3&w=4&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&padding=explicit&pt=1&pb=0&pl=0&pr=1",
    "?op=transposed&h=4&w=4&kh=3&kw=3&sh=1&sw=1&dh=2&dw=1&padding=same",
    "?op=transposed&h=4&w=4&kh=3&kw=3&sh=2&sw=1&dh=2&dw=1&padding=valid",
]


def test_the_code_shown_runs_in_tensorflow(page: Any) -> None:
    """The code the page shows prints the shape the page shows, in real TensorFlow.

    Where the page says TensorFlow's CPU kernels refuse a dilated transposed convolution, it
    must raise exactly that.
    """
    open_playground(page)
    rng = random.Random(11)
    sample = [q for q in random_queries(seed=3, count=400) if not expected(q).error]
    queries = CODE_CASES + rng.sample(sample, 30)
    shown = page.evaluate(BATCH, queries)
    codes = [s["code"] for s in shown]
    run = subprocess.run(
        [sys.executable, "-c", RUNNER],
        input=json.dumps(codes),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    results = json.loads(run.stdout.splitlines()[-1])
    failures = []
    for q, s, result in zip(queries, shown, results, strict=True):
        want: Expected = expected(q)
        assert not want.error, q
        refused_on_cpu = "On a CPU this raises" in s["code"]
        if refused_on_cpu:
            if "dilation rates larger than 1" not in (result["error"] or ""):
                failures.append(f"{q}: expected a CPU refusal, got {result}")
            continue
        one_d = "keras.layers.Conv1D(" in s["code"]
        shape = f"(1, {want.out_w}, 1)" if one_d else f"(1, {want.out_h}, {want.out_w}, 1)"
        if result["error"] or not result["printed"] or set(result["printed"]) != {shape}:
            failures.append(f"{q}: expected {shape}, got {result}")
    assert failures == [], "\n".join(failures)
    assert sum("On a CPU this raises" in c for c in codes) >= 1
    assert_clean(page)


def test_only_the_playground_page_loads_its_scripts(page: Any) -> None:
    """Other pages never fetch the playground's modules or stylesheet; instant navigation to the
    playground loads them (apps.js imports the page's module), and a direct load does too."""
    fetched: list[str] = []
    page.on("request", lambda req: fetched.append(req.url))
    page.goto("concepts/padding/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "playground" in u or "/lib/" in u], fetched
    page.evaluate("window.__noReload = true")
    page.locator("nav.md-tabs a.md-tabs__link", has_text="Tools").click()
    page.locator(".md-nav__link", has_text="Playground").first.click()
    page.wait_for_selector("[data-playground][data-ready]")
    assert page.evaluate("window.__noReload") is True
    assert any(u.endswith("javascripts/playground.js") for u in fetched)
    assert any(u.endswith("stylesheets/playground.css") for u in fetched)
    # The stylesheet applies: the hidden attribute wins over the fields' display rule.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('[data-group=outpad]')).display")
        == "none"
    )
    assert_clean(page)
