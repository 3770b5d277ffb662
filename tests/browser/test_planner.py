"""The network planner in real Chromium agrees with its Python twin, ``snippets.planner.index``,
and people can use it: thousands of seeded random stacks, the address, axe, the keyboard."""

from __future__ import annotations

import random
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from planner_stacks import random_query

from snippets.planner.index import plan

pytestmark = [pytest.mark.browser, pytest.mark.pages("docs/planner/index.md")]

# Every query through the page's model; every fifth also loaded into the page, to read its table.
READ = """(queries) => queries.map((q, n) => {
  const shown = n % 5 === 0;
  const r = shown ? window.planner.load(q) : window.planner.plan(q);
  const text = (id) => document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
  return {
    error: r.error, layers: r.layers, macs: r.macs, fits: r.fits,
    shown: shown ? r.layers.map((_, i) => [text(`layer-${i + 1}-out`),
                                           text(`layer-${i + 1}-error`)]) : null,
    message: shown ? text("planner-error") : r.error,
  };
})"""


def open_planner(page: Any, query: str = "") -> None:
    page.goto("planner/" + query)
    page.wait_for_selector("[data-app=planner][data-ready]")


def differences(q: str, shown: dict[str, Any], want: dict[str, Any]) -> list[str]:
    found = []
    if shown["error"] != want["error"]:
        found.append(f"error {shown['error']!r} != {want['error']!r}")
        return found
    if want["error"]:
        if shown["message"] != want["error"] and want["error"] not in (shown["message"] or ""):
            found.append(f"message {shown['message']!r}")
        return found
    for i, (a, b) in enumerate(zip(shown["layers"], want["layers"], strict=True), start=1):
        rest_a, rest_b = ({k: v for k, v in x.items() if k != "share"} for x in (a, b))
        if rest_a != rest_b or abs(a["share"] - b["share"]) > 1e-4:
            found.append(f"layer {i}: page {rest_a}, Python {rest_b}")
        if shown["shown"] is None:
            continue
        out, error = shown["shown"][i - 1]
        if out != ("×".join(map(str, b["out"])) if b["out"] else "–"):
            found.append(f"layer {i} shows {out!r}")
        if error != (b["error"] or ""):
            found.append(f"layer {i} error shows {error!r}")
    if shown["fits"] != want["fits"] or shown["macs"] != want["macs"]:
        found.append(
            f"fits/macs {shown['fits']}, {shown['macs']} != {want['fits']}, {want['macs']}"
        )
    return found


def test_page_matches_the_python_twin(page: Any) -> None:
    rng = random.Random(12)
    queries = [random_query(rng, typos=True) for _ in range(2500)]
    outcomes = [plan(q) for q in queries]
    open_planner(page)
    failures = []
    for start in range(0, len(queries), 250):
        chunk = queries[start : start + 250]
        shown = page.evaluate(READ, chunk)
        for q, got, want in zip(chunk, shown, outcomes[start : start + 250], strict=True):
            failures += [f"{q}: {d}" for d in differences(q, got, want)]
    assert failures == [], f"{len(failures)} differ, first:\n" + "\n".join(failures[:8])
    fitting = [o["fits"] for o in outcomes if o.get("fits")]
    assert (
        sum(bool(f["sizes"]) for f in fitting) > 300 and sum(not f["sizes"] for f in fitting) > 300
    )
    assert sum(bool(o["error"]) for o in outcomes) > 3
    layer_errors = [layer["error"] for o in outcomes for layer in o["layers"] if layer["error"]]
    assert sum("differ by" in e for e in layer_errors) > 10
    assert sum("is empty" in e for e in layer_errors) > 10
    assert sum(layer["out"] is not None for o in outcomes for layer in o["layers"]) > 3000
    assert page.page_errors == [] and page.foreign_requests == []


def test_address_editing_and_history(page: Any) -> None:
    """A hand-written address loads; edits with the controls update it; Back undoes them."""
    q = "?in=33x33&l=conv,k=3,s=2,p=same;conv,k=3,p=same;convT,k=3,s=2,p=same;concat,from=0"
    open_planner(page, q)
    assert page.inner_text("[data-testid=layer-3-out]") == "34×34"
    error = page.inner_text("[data-testid=layer-4-error]")
    assert "differ by 1 along the height, 1 along the width" in error
    assert "set op=0x0 on layer 3 (convT)" in error
    assert "inputs 2k + 0" in page.inner_text("[data-testid=planner-summary]")
    page.fill("[data-testid=layer-3-op]", "0")
    page.locator("[data-testid=layer-3-op]").press("Tab")  # change: a history entry
    assert page.inner_text("[data-testid=layer-4-error]") == ""
    assert page.inner_text("[data-testid=layer-4-out]") == "33×33"
    page.wait_for_function("location.search.includes('op=0')")
    page.select_option("[data-testid=planner-add-op]", "maxpool")
    page.click("[data-testid=planner-add]")
    assert page.inner_text("[data-testid=layer-5-out]") == "16×16"
    page.wait_for_function("location.search.endsWith(';maxpool')")
    page.go_back()
    page.wait_for_function("!location.search.endsWith(';maxpool')")
    page.wait_for_function("document.querySelector('[data-testid=layer-5-out]') === null")
    open_planner(page, "?in=8x8&l=conv,k=3,z=1")
    assert "layer 1 (conv): unknown field 'z=1'" in page.inner_text("[data-testid=planner-error]")
    open_planner(page, "?in=4x4&l=conv,k=5")
    assert page.inner_text("[data-testid=layer-1-out]") == "–"
    assert "Layer 1 (conv): the height is empty" in page.inner_text("[data-testid=layer-1-error]")
    assert page.page_errors == [] and page.foreign_requests == []


def test_keyboard_only_editing(page: Any) -> None:
    """Add, edit, move and remove layers with the keyboard alone."""
    open_planner(page, "?in=32x32&l=conv,k=3")
    page.focus("[data-testid=planner-add-op]")
    page.keyboard.press("End")  # the last op: add
    page.keyboard.press("Home")  # the first: conv
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.testid") == "layer-2-kind"
    page.keyboard.press("Tab")
    page.keyboard.type("5")
    assert page.inner_text("[data-testid=layer-2-out]") == "26×26"
    page.focus("[data-testid=layer-2-up]")
    page.keyboard.press("Enter")
    assert page.inner_text("[data-testid=layer-1-out]") == "28×28"
    page.focus("[data-testid=layer-1-remove]")
    page.keyboard.press("Enter")
    assert page.locator("[data-testid=layer-2-out]").count() == 0
    assert page.inner_text("[data-testid=layer-1-out]") == "30×30"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_axe_violations(page: Any, scheme: str) -> None:
    open_planner(page)
    for _ in range(3):
        if page.get_attribute("body", "data-md-color-scheme") == scheme:
            break
        page.click("form[data-md-component=palette] label:not([hidden])")
    # The content area: the header's tabs are checked by test_site.py.
    results = Axe().run(page, context=".md-content")
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                  for v in results.response["violations"]]  # fmt: skip
    assert violations == []


def test_presets_load_their_address(page: Any) -> None:
    """A preset is a link to its address: it loads the model into the planner."""
    open_planner(page)
    page.click("[data-preset=resnet50]")
    page.wait_for_function("location.search.startsWith('?in=224x224')")
    page.wait_for_function(
        "document.querySelector('[data-testid=layer-4-out]')?.textContent === '56×56'"
    )
    page.click("[data-preset=unet-valid]")
    page.wait_for_function(
        "document.querySelector('[data-testid=layer-16-error]')?.textContent.includes('by 8')"
    )
    assert "crop the skip by crop,t=4,b=4,l=4,r=4" in page.inner_text(
        "[data-testid=layer-16-error]"
    )
    page.go_back()  # each preset is a history entry
    page.wait_for_function("document.querySelector('[data-testid=layer-5-out]') === null")
    assert page.inner_text("[data-testid=layer-4-out]") == "56×56"
    assert page.page_errors == [] and page.foreign_requests == []
