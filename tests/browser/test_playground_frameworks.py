"""The playground's scripts for TensorFlow, PyTorch, JAX and ONNX print the same values.

Each tab holds a complete script that runs the configuration on ``np.arange`` input with weights
of ones and no bias and prints the output, flattened in row-major order. For a few hundred seeded
configurations set through the URL, every script runs (one subprocess per framework, each script
``exec``'d with its own globals) and its values must equal TensorFlow's, in the number the
arithmetic (``playground_cases.expected``) gives.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from axe_playwright_python.sync_playwright import Axe
from playground_cases import expected, random_queries

from .test_playground import CODE_CASES, assert_clean, open_playground, set_palette

pytestmark = [pytest.mark.browser, pytest.mark.pages("docs/playground/index.md")]
FRAMEWORKS = ("tensorflow", "pytorch", "jax", "onnx")
NOTHING = "# Nothing to run until the configuration is valid"

READ = """(queries) => queries.map((q) => {
  window.playground.load(q);
  const root = document.querySelector("[data-playground]");
  const out = {error: root.querySelector('[data-testid="error"]') !== null};
  for (const key of ["tensorflow", "pytorch", "jax", "onnx"]) {
    const node = root.querySelector(`[data-testid="code-${key}"]`);
    out[key] = {code: node.textContent, cannot: node.dataset.cannot === "true"};
  }
  return out;
})"""

# Runs every script it reads (a JSON list) and prints, as JSON, each one's last printed line
# parsed as a list, or the error it raised.
RUNNER = """
import contextlib, io, json, os, sys, warnings
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["JAX_PLATFORMS"] = "cpu"
warnings.filterwarnings("ignore")
results = []
for code in json.load(sys.stdin):
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "<playground>", "exec"), {})
        results.append({"values": json.loads(out.getvalue().splitlines()[-1]), "error": None})
    except Exception as e:
        results.append({"values": None, "error": type(e).__name__ + ": " + str(e)[:300]})
sys.stdout.write("\\nRESULTS " + json.dumps(results))
"""

# Configurations the tests name: a transposed convolution whose output_padding reaches past
# the full result, a dilated one (TensorFlow's CPU kernels refuse dilation there), stride with
# dilation, causal, pooling with each padding.
CASES = [
    *CODE_CASES,
    "?op=transposed&h=3&w=3&kh=2&kw=2&sh=3&sw=3&dh=1&dw=1&padding=valid",
    "?op=transposed&h=3&w=4&kh=2&kw=3&sh=3&sw=2&dh=2&dw=3&padding=same&oph=1&opw=0",
    "?op=avgpool&h=5&w=6&kh=3&kw=2&sh=2&sw=3&padding=valid",
    "?op=maxpool&h=5&w=6&kh=1&kw=1&sh=2&sw=2&padding=same",
    "?op=conv&h=1&w=9&kh=1&kw=4&sh=1&sw=3&dh=1&dw=1&padding=causal",
]


def run_all(scripts: dict[str, list[str]]) -> dict[str, list[dict[str, Any]]]:
    """Every framework's scripts, the frameworks side by side in their own processes."""
    procs = {
        key: subprocess.Popen(
            [sys.executable, "-c", RUNNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for key in scripts
    }
    results = {}
    for key, proc in procs.items():
        out, _ = proc.communicate(json.dumps(scripts[key]), timeout=240)
        assert proc.returncode == 0, f"{key} runner failed"
        results[key] = json.loads(out.rsplit("RESULTS ", 1)[1])
    return results


def test_every_framework_prints_tensorflows_values(page: Any) -> None:
    open_playground(page)
    pool = random_queries(seed=41, count=550)
    valid = [q for q in pool if not expected(q).error]
    invalid = [q for q in pool if expected(q).error][:40]
    queries = CASES + valid[:230]
    shown = page.evaluate(READ, queries + invalid)

    # A refused configuration gives no script in any tab, only the pointer to the message.
    for q, s in zip(invalid, shown[len(queries) :], strict=True):
        assert s["error"], q
        assert all(s[k]["code"].startswith(NOTHING) for k in FRAMEWORKS), q
    shown = shown[: len(queries)]
    # Every valid configuration is expressible in every framework: TensorFlow's CPU refusal of
    # a dilated transposed convolution is met by writing the dilation into the kernel, and
    # explicit amounts, uneven SAME splits and output_padding are spelled out in the others.
    cannot = [
        (q, k) for q, s in zip(queries, shown, strict=True) for k in FRAMEWORKS if s[k]["cannot"]
    ]
    assert cannot == []
    for q, s in zip(queries, shown, strict=True):
        assert not s["error"], q
        for key in FRAMEWORKS:
            lines = s[key]["code"].splitlines()
            assert any("np.arange(1, " in line for line in lines), (q, key)
            assert lines[-1].startswith("print("), (q, key)

    results = run_all({k: [s[k]["code"] for s in shown] for k in FRAMEWORKS})
    failures = []
    for i, q in enumerate(queries):
        want = expected(q)
        reference = results["tensorflow"][i]
        if reference["error"]:
            failures.append(f"{q}: TensorFlow raised {reference['error']}")
            continue
        tf_values = np.asarray(reference["values"], dtype=float)
        one_d = "padding=causal" in q
        size = want.out_w if one_d else want.out_h * want.out_w
        if tf_values.size != size:
            failures.append(f"{q}: TensorFlow printed {tf_values.size} values, not {size}")
        for key in FRAMEWORKS[1:]:
            got = results[key][i]
            if got["error"]:
                failures.append(f"{q}: {key} raised {got['error']}")
            elif not (
                len(got["values"]) == tf_values.size
                and np.allclose(got["values"], tf_values, rtol=1e-5, atol=1e-3)
            ):
                failures.append(f"{q}: {key} printed {got['values'][:8]}..., TF {tf_values[:8]}")
    assert failures == [], f"{len(failures)} failures, first:\n" + "\n".join(failures[:10])
    # The sample covered every operation and padding.
    for word in ("op=conv", "op=maxpool", "op=avgpool", "op=transposed", "causal", "explicit"):
        assert sum(word in q for q in queries) >= 5, word
    assert_clean(page)


def test_tabs_work_from_the_keyboard(page: Any) -> None:
    open_playground(page, "?op=conv&h=7&w=6&kh=3&kw=3&sh=2&sw=2&dh=1&dw=1&padding=same")
    tab = "[data-testid=tab-{}]"
    assert page.get_attribute(tab.format("tensorflow"), "aria-selected") == "true"
    assert page.is_visible("[data-testid=code-tensorflow]")
    assert not page.is_visible("[data-testid=code-pytorch]")
    page.focus(tab.format("tensorflow"))
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.testid") == "tab-pytorch"
    assert page.is_visible("[data-testid=code-pytorch]")
    assert not page.is_visible("[data-testid=code-tensorflow]")
    page.keyboard.press("End")
    assert page.get_attribute(tab.format("onnx"), "aria-selected") == "true"
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.dataset.testid") == "tab-tensorflow"
    # Tab leaves the tab list for the selected panel's code, which scrolls by keyboard.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.testid") == "code-tensorflow"
    page.click(tab.format("jax"))
    assert page.is_visible("[data-testid=code-jax]")
    assert "lax.conv_general_dilated" in page.inner_text("[data-testid=code-jax]")
    assert_clean(page)


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_tabs_have_no_axe_violations(page: Any, scheme: str) -> None:
    """With another tab selected (test_playground's axe test sees the first one)."""
    open_playground(page, "?op=avgpool&h=5&w=5&kh=2&kw=2&sh=2&sw=2&padding=same")
    set_palette(page, scheme)
    page.click("[data-testid=tab-onnx]")
    page.hover("[data-testid=tab-jax]")
    violations = [
        f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
        for v in Axe().run(page).response["violations"]
    ]
    assert violations == [], f"{scheme}: {violations}"
    assert_clean(page)
