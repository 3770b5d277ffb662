"""The planner's code out: the Keras and the PyTorch program under the layer table run, with real
TensorFlow and real PyTorch, and print the Python twin's shapes, layer by layer.

The programs are read from the page for every preset and for seeded random stacks, then run, all
the Keras ones in one TensorFlow process and all the PyTorch ones in one torch process, each
``exec``'d with its own globals as a reader's fresh interpreter would. After a program has run,
its Keras model's weights (biases made random, so that they count) are copied into its PyTorch
model, and both give the same values for the same input, layer by layer.
"""

from __future__ import annotations

import html
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from planner_stacks import PAGE, PRESETS, random_query
from support import child_env

from snippets.planner.index import _run, parse, plan

from .test_planner import open_planner

pytestmark = [pytest.mark.browser, pytest.mark.pages("docs/planner/index.md")]

READ = """(queries) => queries.map((q) => {
  window.planner.load(q);
  const text = (id) => document.querySelector(`[data-testid="${id}"]`).textContent;
  return {keras: text("planner-keras"), pytorch: text("planner-pytorch")};
})"""

# Stacks that name what the random sample may miss: SAME average pooling with an uneven split
# (TensorFlow divides by the real cells; count_include_pad=False would not match), SAME max
# pooling (-inf, not zeros), transposed convolutions that TensorFlow crops or extends with
# output_padding, causal and dilated 1-D convolutions, explicit amounts, broadcasting add,
# depthwise convolutions (PyTorch's groups), dilated and strided at once, which only Conv refuses.
CASES = [
    "?in=7x6&c=2&l=avgpool,k=3,s=2,p=same;conv,k=3,p=1-0x0-2,c=4;maxpool,k=3,s=2,p=same;"
    "up,f=2x3;crop,t=1,r=2;concat,from=2",
    "?in=9x8&c=3&l=avgpool,k=2,s=1,p=same;avgpool,k=4x3,s=3x2,p=same;convT,k=3,s=2,p=same,c=5;"
    "convT,k=2,s=3,c=2;convT,k=4,s=2,p=same,op=1;zpad,t=2,l=1",
    "?in=16&c=2&l=conv,k=2,p=causal,c=4;conv,k=2,d=2,p=causal;convT,k=3,s=2,op=1;zpad,l=1,r=2;"
    "avgpool,k=3,s=2,p=same;maxpool,k=2,s=1,p=same;up,f=3;conv,p=2-1",
    "?in=8x1&l=conv,k=1,c=4;add,from=0;conv,k=3x1,s=2,p=same;up,f=2x1;add,from=1",
    "?in=11x9&c=3&l=dw,k=3,s=2,d=2,p=same,m=2;dw,k=2x3,p=1-0x0-2;conv,k=1,c=4;dw,s=2",
    "?in=20&c=2&l=dw,k=3,d=3,p=same;dw,k=4,s=3,m=3;dw,p=2-1",
]
# The model the planner opens with, whose Keras output the page quotes.
DEFAULT = html.unescape(re.search(r'data-default="([^"]+)"', PAGE.read_text("utf-8"))[1])
# Whose code stops before the layer the planner flags: a merge that is off, an empty output.
PROBLEMS = ["?in=4x4&l=conv,k=5", "?in=8&l=conv,k=3;maxpool,k=9", "?in=10x10&l=conv;concat,from=0"]

# Runs every program it reads (a JSON list of {code, save}) and prints, as JSON, what each one
# printed or the error it raised. For the value check, a Keras model's weights (biases made
# random, so that they are tested too) and its outputs, channels last, are saved to ``save``
# when it is set; the PyTorch runner loads them into its model once the Keras runner is done.
SHARED = """
import contextlib, io, json, os, sys, warnings
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
warnings.filterwarnings("ignore")
import numpy as np

def sample(a):
    flat = np.ascontiguousarray(a).ravel()
    return flat[:: max(1, flat.size // 50000)]

def run(code, name):
    out, g = io.StringIO(), {"__name__": "__main__"}
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, name, "exec"), g)
    except Exception as e:
        return out.getvalue(), g, f"{type(e).__name__}: {str(e)[:300]}"
    return out.getvalue(), g, None
"""

KERAS_RUNNER = (
    SHARED
    + """
results = []
for job in json.loads(sys.stdin.readline()):
    printed, g, error = run(job["code"], "<keras>")
    result = {"printed": printed, "error": error, "weights": 0}
    if error is None and "model" in g and job["save"]:
        model, rng, saved = g["model"], np.random.default_rng(1), {}
        for layer in model.layers:
            if layer.weights:
                kernel, bias = layer.get_weights()
                bias = rng.normal(size=bias.shape).astype("float32")
                layer.set_weights([kernel, bias])
                key = layer.name.split("_")[0]
                saved[f"w:{key}:0"], saved[f"w:{key}:1"] = kernel, bias
                result["weights"] += 1
        outputs = model(g["x"])
        outputs = outputs if isinstance(outputs, list) else [outputs]
        for name, y in zip(model.output_names, outputs, strict=True):
            saved[f"y:{name}"] = sample(np.asarray(y))
        np.savez(job["save"], **saved)
    results.append(result)
sys.stdout.write("\\nRESULTS " + json.dumps(results))
"""
)

# Runs every program at once, then, told that the Keras runner is done, copies the weights.
TORCH_RUNNER = (
    SHARED
    + """
import torch
jobs = json.loads(sys.stdin.readline())
runs = [run(job["code"], "<pytorch>") for job in jobs]
sys.stdin.readline()
results = []
for job, (printed, g, error) in zip(jobs, runs):
    result = {"printed": printed, "error": error, "weights": 0, "diffs": {}}
    if error is None and "model" in g and job["save"] and os.path.exists(job["save"]):
        saved = np.load(job["save"])
        model = g["model"]
        try:
            with torch.no_grad():
                for key, module in model.named_children():
                    # Keras keeps kernels (spatial..., in, out), or (spatial..., out, in) when
                    # transposed; PyTorch (out, in, spatial...) or (in, out, spatial...). A
                    # depthwise kernel is (spatial..., channels, multiplier) in Keras, and in
                    # PyTorch (channels * multiplier, 1, spatial...), channel by channel.
                    kernel = saved[f"w:{key}:0"]
                    n = kernel.ndim
                    if module.groups > 1:
                        kernel = np.moveaxis(kernel, (n - 2, n - 1), (0, 1))
                        kernel = kernel.reshape(module.weight.shape)
                    else:
                        kernel = kernel.transpose(n - 1, n - 2, *range(n - 2))
                    module.weight.copy_(torch.from_numpy(kernel))
                    module.bias.copy_(torch.from_numpy(saved[f"w:{key}:1"]))
                    result["weights"] += 1
                outputs = model(g["x"])
            for name, y in outputs.items():
                got, want = sample(np.moveaxis(y.numpy(), 1, -1)), saved[f"y:{name}"]
                scale = max(1.0, float(np.abs(want).max()))
                result["diffs"][name] = (
                    float(np.abs(got - want).max()) / scale if got.shape == want.shape else None
                )
        except Exception as e:
            result["error"] = f"weights: {type(e).__name__}: {str(e)[:300]}"
    results.append(result)
sys.stdout.write("\\nRESULTS " + json.dumps(results))
"""
)


def run_programs(jobs: list[dict[str, str]]) -> dict[str, list[dict[str, Any]]]:
    """Run the Keras and the PyTorch programs side by side, each framework's in one process of
    its own; the PyTorch process copies the weights once the Keras one has saved them."""
    env = {**child_env(), "TF_ENABLE_ONEDNN_OPTS": "0", "CUDA_VISIBLE_DEVICES": ""}
    line = {key: json.dumps([{"code": j[key], "save": j["save"]} for j in jobs]) + "\n"
            for key in ("keras", "pytorch")}  # fmt: skip
    with tempfile.TemporaryFile("w+") as errors:
        torch = subprocess.Popen(
            [sys.executable, "-c", TORCH_RUNNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=env,
        )
        assert torch.stdin is not None
        torch.stdin.write(line["pytorch"])
        torch.stdin.flush()
        keras = subprocess.run(
            [sys.executable, "-c", KERAS_RUNNER],
            input=line["keras"],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
            check=False,
        )
        out, _ = torch.communicate("go\n", timeout=600)
        errors.seek(0)
        torch_errors = errors.read()
    assert keras.returncode == 0 and "RESULTS " in keras.stdout, keras.stderr[-2000:]
    assert torch.returncode == 0 and "RESULTS " in out, torch_errors[-2000:]
    return {
        "keras": json.loads(keras.stdout.rsplit("RESULTS ", 1)[1]),
        "pytorch": json.loads(out.rsplit("RESULTS ", 1)[1]),
    }


def expected_lines(query: str) -> tuple[list[str], list[str], dict[str, Any] | None]:
    """What the twin says each program prints: ``layer3_convT: (1, 34, 34, 8)`` channels last
    for Keras, channels first for PyTorch, for every layer before the first one with a problem;
    and that problem (its layer, op and words), if any."""
    keras, torch = [], []
    for index, r in enumerate(_run(parse(query)), start=1):
        if r["error"]:
            return keras, torch, {"index": index, "op": r["op"], "error": r["error"]}
        name = f"layer{index}_{r['op']}"
        keras.append(f"{name}: {(1, *r['out'], r['c'])}")
        torch.append(f"{name}: {(1, r['c'], *r['out'])}")
    return keras, torch, None


def comments(code: str) -> str:
    """A program's comments as one line of text (the page wraps them at 88 columns)."""
    return " ".join(line.strip()[2:] for line in code.splitlines() if line.strip().startswith("#"))


def kinds(query: str) -> set[str]:
    """What the code for ``query`` must get right, layer by layer, up to the first problem."""
    found = set()
    for r in _run(parse(query)):
        if r["error"]:
            break
        L = r["layer"]
        p = L.get("p")
        found.add(r["op"] if not isinstance(p, str) else f"{r['op']} {p}")
        if isinstance(p, tuple):
            found.add(f"{r['op']} explicit")
        if r["op"] == "avgpool" and p == "same" and any(r["uneven"]):
            found.add("avgpool same uneven")
        if r["op"] == "convT" and L["opad"] is not None:
            found.add("convT output_padding")
    return found


def test_code_prints_the_twins_shapes_and_values(page: Any, tmp_path: Path) -> None:
    """The default model, every preset, the cases above and 40 seeded random stacks: both
    programs print the twin's shapes for every layer before the first problem, and give the same
    values (the biggest presets but for their shapes)."""
    rng = random.Random(1205)
    sample = [random_query(rng, sizes=(6, 40), layers=(1, 7)) for _ in range(40)]
    queries = [DEFAULT, *PRESETS.values(), *CASES, *PROBLEMS, *sample]
    open_planner(page)
    shown = page.evaluate(READ, queries)
    # Values for every model but the two biggest presets (VGG-16, the U-Net at 572 × 572), which
    # would double the time their shapes take.
    valued = [plan(q)["macs"] < 10**9 for q in queries]
    assert [k for k, q in PRESETS.items() if plan(q)["macs"] >= 10**9] == ["vgg16", "unet-valid"]
    jobs = [{**s, "save": str(tmp_path / f"{i}.npz") if v else ""}
            for i, (s, v) in enumerate(zip(shown, valued, strict=True))]  # fmt: skip
    results = run_programs(jobs)

    failures, compared, flagged = [], 0, 0
    for i, q in enumerate(queries):
        want_keras, want_torch, problem = expected_lines(q)
        for key, want in (("keras", want_keras), ("pytorch", want_torch)):
            got = results[key][i]
            if got["error"]:
                failures.append(f"{q}: {key} raised {got['error']}")
            elif got["printed"].splitlines() != want:
                failures.append(f"{q}: {key} printed {got['printed']!r}, twin {want}")
            if problem is None:
                continue
            flagged += key == "keras"
            code = shown[i][key]
            if f"the planner flags layer {problem['index']} ({problem['op']})" not in code:
                failures.append(f"{q}: {key} does not name layer {problem['index']}")
            if problem["error"] not in comments(code):
                failures.append(f"{q}: {key} does not give the planner's words")
            if not want and any(not line.startswith("#") for line in code.splitlines()):
                failures.append(f"{q}: {key} has code although layer 1 has a problem")
        keras, torch = results["keras"][i], results["pytorch"][i]
        weighted = sum(w.split(":")[0].endswith(("_conv", "_convT", "_dw")) for w in want_keras)
        if keras["weights"] != torch["weights"] or keras["weights"] != weighted * valued[i]:
            failures.append(f"{q}: weights of {keras['weights']} Keras, {torch['weights']} torch")
        if len(torch["diffs"]) != (len(want_torch) if valued[i] else 0):
            failures.append(f"{q}: values of {len(torch['diffs'])} layers, not {len(want_torch)}")
        for name, diff in torch["diffs"].items():
            compared += 1
            if diff is None or diff > 1e-4:
                failures.append(f"{q}: {name} differs from Keras by {diff} (relative)")
    assert "layer3_convT: (1, 34, 34, 1)" in results["keras"][0]["printed"].splitlines()
    assert failures == [], f"{len(failures)} failures, first:\n" + "\n".join(failures[:10])

    # The stacks covered every op and padding, with values compared, and problems.
    covered = set().union(*(kinds(q) for q, v in zip(queries, valued, strict=True) if v))
    ops = {"conv valid", "conv same", "conv causal", "conv explicit", "dw valid", "dw same",
           "dw explicit", "maxpool valid",
           "maxpool same", "avgpool valid", "avgpool same uneven", "convT valid", "convT same",
           "convT output_padding", "zpad", "crop", "up", "concat", "add"}  # fmt: skip
    assert ops <= covered, ops - covered
    assert compared >= 150, compared
    assert flagged >= 8, flagged
    assert sum(bool(expected_lines(q)[2]) for q in sample) >= 3
    assert page.page_errors == [] and page.foreign_requests == []


def test_code_follows_the_editor_and_says_when_it_cannot(page: Any) -> None:
    """The blocks change as the model is edited; an unreadable address or an empty model gives
    a comment, not code."""
    open_planner(page, "?in=32x32&l=conv,k=3,p=same")
    keras = "[data-testid=planner-keras]"
    torch = "[data-testid=planner-pytorch]"
    assert 'Conv2D(1, (3, 3), padding="same"' in page.text_content(keras)
    assert "F.pad(x0, (1, 1, 1, 1))" in page.text_content(torch)
    page.fill("[data-testid=layer-1-k]", "4")
    assert 'Conv2D(1, (4, 4), padding="same"' in page.text_content(keras)
    # SAME with an even kernel: the odd cell goes after, which only F.pad can say.
    assert "F.pad(x0, (1, 2, 1, 2))" in page.text_content(torch)
    page.select_option("[data-testid=planner-add-op]", "avgpool")
    page.click("[data-testid=planner-add]")
    assert 'layer2_avgpool"' in page.text_content(keras)
    assert "x2 = F.avg_pool2d(x1, (2, 2), (2, 2))" in page.text_content(torch)
    # What the page says the code does: zeros before a valid convolution for explicit amounts;
    # -inf before a max pooling; the share of real cells in a SAME average; TensorFlow's crop.
    open_planner(page, "?in=7x6&l=conv,k=3,p=1-0x0-2;maxpool,k=3,s=2,p=same;"
                       "avgpool,k=2,s=1,p=same;convT,k=3,s=2,p=same")  # fmt: skip
    assert re.search(
        r'ZeroPadding2D\(\(\(1, 0\), \(0, 2\)\), name="layer1_pad"\)\(x0\)\n'
        r'x1 = keras\.layers\.Conv2D\(1, \(3, 3\), padding="valid"',
        page.text_content(keras),
    )
    code = page.text_content(torch)
    assert "x1 = self.layer1(F.pad(x0, (0, 2, 1, 0)))" in code
    assert 'x2 = F.max_pool2d(F.pad(x1, (0, 1, 0, 1), value=-float("inf")), (3, 3), (2, 2))' in code
    assert "real = F.avg_pool2d(F.pad(torch.ones_like(x2), (0, 1, 0, 1)), (2, 2), (1, 1))" in code
    assert "x3 = sums / real" in code
    assert "x4 = self.layer4(x3)[:, :, 0:6, 0:6]" in code
    open_planner(page, "?in=8x8&l=conv,k=3,z=1")
    for block in (keras, torch):
        assert page.text_content(block).startswith("# Nothing to write until the model can be read")
    open_planner(page, "?in=8x8")
    for block in (keras, torch):
        assert page.text_content(block) == "# No layers yet: add one above."
    assert page.page_errors == [] and page.foreign_requests == []


def test_code_blocks_by_keyboard_and_copy(page: Any, base_url: str) -> None:
    """From the permalink, Tab reaches each block's summary (Enter folds it), copy button and
    code; the copy button puts the code on the clipboard."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    open_planner(page, "?in=16&l=conv,k=2,p=causal,c=4;avgpool,p=same")
    order = []
    page.focus("[data-testid=planner-permalink]")
    for _ in range(6):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "(e => e.dataset.testid || e.getAttribute('aria-label') || e.tagName)"
                "(document.activeElement)"
            )
        )
    assert order == ["SUMMARY", "Copy the Keras code", "planner-keras",
                     "SUMMARY", "Copy the PyTorch code", "planner-pytorch"]  # fmt: skip
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # fold the PyTorch block
    assert not page.is_visible("[data-testid=planner-pytorch]")
    page.keyboard.press("Enter")
    assert page.is_visible("[data-testid=planner-pytorch]")
    page.evaluate("navigator.clipboard.writeText('')")
    page.click("[aria-label='Copy the PyTorch code']")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.rstrip("\n") == page.text_content("[data-testid=planner-pytorch]")
    assert re.search(r"F\.pad\(x0, \(1, 0\)\)", copied)
    assert page.page_errors == [] and page.foreign_requests == []


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_code_blocks_have_no_axe_violations(page: Any, scheme: str) -> None:
    """With the long code of a preset whose skip is refused."""
    open_planner(page, "?" + PRESETS["unet-valid"])
    for _ in range(3):
        if page.get_attribute("body", "data-md-color-scheme") == scheme:
            break
        page.click("form[data-md-component=palette] label:not([hidden])")
    assert "the planner flags layer 16 (concat)" in page.text_content("[data-testid=planner-keras]")
    results = Axe().run(page, context=".md-content")
    violations = [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}"
                  for v in results.response["violations"]]  # fmt: skip
    assert violations == []
    assert plan("?" + PRESETS["unet-valid"])["layers"][15]["error"]
