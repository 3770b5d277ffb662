"""Run every Keras-only snippet section on Keras' JAX and torch backends, and report.

A section is Keras-only when it imports ``keras`` and otherwise only NumPy and the standard
library: Keras 3 runs the same code on any backend. ``python -m sitekit.backends`` runs each such
section in one fresh process per backend (``KERAS_BACKEND=jax``, ``KERAS_BACKEND=torch``),
compares what it prints (or raises) with what it prints on the TensorFlow backend (the output
files that ``sitekit.outputs`` captures), and writes the Markdown report that the page
``docs/porting/keras-backends.md`` includes. ``--check`` writes nothing and fails when the
committed report is stale. ``sitekit.outputs`` runs it too, so ``make outputs`` refreshes it.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import dataclasses
import difflib
import io
import json
import math
import os
import re
import subprocess
import sys
import time
from importlib import metadata

from sitekit.env import TF_ENV
from sitekit.sections import OUTPUTS, ROOT, Section, all_sections, run_section

REPORT = OUTPUTS / "porting" / "keras_backends" / "report.md"
BACKENDS = ("jax", "torch")
NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")
# Relative and absolute tolerance for printed numbers: float32 results of different kernels.
RTOL, ATOL = 1e-3, 1e-4
FAST_XLA = "--xla_backend_optimization_level=0"
PACKAGES = (
    "keras", "tensorflow-cpu", "tensorflow", "jax", "jaxlib", "torch", "onnx", "onnxruntime",
)  # fmt: skip


def imported_modules(section: Section) -> set[str]:
    """Top-level names of the modules a section imports."""
    found = set()
    for node in ast.walk(ast.parse(section.code)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def keras_only(section: Section) -> bool:
    """Imports keras, and besides it only NumPy and the standard library."""
    modules = imported_modules(section)
    return "keras" in modules and modules <= {"keras", "numpy"} | sys.stdlib_module_names


def _first_line(error: BaseException) -> str:
    line = f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error) else ''}"
    return line[:200]


def _what_it_returns(section: Section) -> str:
    """What a section gives when it does not raise: what it prints and, when its last statement
    is an expression (the one that raises on TensorFlow), the shape or value of its result."""
    *body, last = ast.parse(section.code).body
    if not isinstance(last, ast.Expr):
        return run_section(dataclasses.replace(section, raises=None))
    namespace: dict[str, object] = {"__name__": "__snippet__"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(ast.Module(body, []), str(section.path), "exec"), namespace)
        value = eval(compile(ast.Expression(last.value), str(section.path), "eval"), namespace)
    shape = getattr(value, "shape", None)
    result = f"shape {tuple(shape)}" if shape is not None else repr(value)[:200]
    return f"{out.getvalue()}its last statement returns {result}.\n"


def _worker() -> None:
    """In a process whose KERAS_BACKEND is set: run each Keras-only section, print JSON."""
    results = {}
    for section in all_sections():
        if not keras_only(section):
            continue
        started = time.perf_counter()
        try:
            results[section.ref] = {"printed": run_section(section)}
        except AssertionError:  # declared to raise, and did not: what does it give instead?
            results[section.ref] = {"no_raise": _what_it_returns(section)}
        except Exception as error:
            results[section.ref] = {"raised": _first_line(error)}
        seconds = time.perf_counter() - started
        print(f"{section.ref}: {seconds:.1f} s", file=sys.stderr)
    import keras

    print(json.dumps({"backend": keras.backend.backend(), "results": results}))


def run_backends() -> dict[str, dict[str, dict[str, str]]]:
    """Every Keras-only section's result on each backend, from one fresh process per backend
    (the processes run side by side)."""
    processes = {}
    for backend in BACKENDS:
        env = {**TF_ENV, **os.environ, "KERAS_BACKEND": backend, "PYTHONPATH": str(ROOT)}
        if backend == "jax":
            # JAX compiles every eager operation; XLA's optimisation passes make that slow and
            # change how fast the code runs, not what it computes.
            env["XLA_FLAGS"] = f"{env.get('XLA_FLAGS', '')} {FAST_XLA}".strip()
        processes[backend] = subprocess.Popen(
            [sys.executable, "-m", "sitekit.backends", "--worker"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    results = {}
    for backend, process in processes.items():
        stdout, stderr = process.communicate()
        if process.returncode:
            raise RuntimeError(f"KERAS_BACKEND={backend} run failed:\n{stderr[-4000:]}")
        data = json.loads(stdout.strip().splitlines()[-1])
        if data["backend"] != backend:
            raise RuntimeError(f"asked for KERAS_BACKEND={backend}, Keras ran {data['backend']}")
        results[backend] = data["results"]
    return results


TORCH_SIZE = re.compile(r"torch\.Size\(\[([^\]]*)\]\)")


def normalize(printed: str) -> str:
    """A shape printed by the torch backend (``torch.Size([1, 4])``) as a tuple (``(1, 4)``)."""

    def as_tuple(m: re.Match[str]) -> str:
        return f"({m[1]},)" if m[1] and "," not in m[1] else f"({m[1]})"

    return TORCH_SIZE.sub(as_tuple, printed)


def agree(expected: str, got: str) -> bool:
    """Same text once shapes are tuples, numbers equal within float32 tolerance."""
    got = normalize(got)
    if expected == got:
        return True
    if NUMBER.sub("#", expected) != NUMBER.sub("#", got):
        return False
    pairs = zip(NUMBER.findall(expected), NUMBER.findall(got), strict=True)
    return all(math.isclose(float(a), float(b), rel_tol=RTOL, abs_tol=ATOL) for a, b in pairs)


def tensorflow_result(section: Section) -> str:
    """What the section prints on the TensorFlow backend (its committed output file)."""
    path = section.output_path
    return path.read_text(encoding="utf-8") if path.exists() else ""


def verdict(section: Section, result: dict[str, str]) -> tuple[bool, str]:
    """Whether a backend's result agrees with TensorFlow's, and what it did when it does not."""
    expected = tensorflow_result(section)
    if "printed" in result:
        if agree(expected, result["printed"]):
            return True, ""
        diff = difflib.unified_diff(
            expected.splitlines(), result["printed"].splitlines(), "tensorflow", "this backend",
            lineterm="", n=0,
        )  # fmt: skip
        return False, "prints something else:\n" + "\n".join(list(diff)[2:])
    if "no_raise" in result:
        *printed, returns = result["no_raise"].splitlines()
        head = f"runs without error (TensorFlow raises `{section.raises}`); {returns}"
        return False, "\n".join([head, *printed])
    return False, f"raises {result['raised']}"


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _anchor_page(section: Section) -> str:
    """The first page (relative to docs/porting/) that includes the section."""
    needle = f'"{section.ref}"'
    for page in sorted((ROOT / "docs").rglob("*.md")):
        if needle in page.read_text(encoding="utf-8"):
            return os.path.relpath(page, ROOT / "docs" / "porting").replace(os.sep, "/")
    return ""


def render(results: dict[str, dict[str, dict[str, str]]]) -> str:
    """The Markdown report."""
    sections = [s for s in all_sections() if keras_only(s)]
    versions = [(n, v) for n in PACKAGES if (v := _version(n))]
    lines = [
        "| package | version |",
        "| --- | --- |",
        *[f"| {name} | {version} |" for name, version in versions],
        "",
        f"{len(sections)} Keras-only sections ran on each backend, each compared with what it "
        "prints on the TensorFlow backend (numbers within a relative "
        f"{RTOL:g} or an absolute {ATOL:g}; a `torch.Size([...])` counts as the tuple it "
        "holds).",
        "",
        "| backend | agrees with TensorFlow | does not |",
        "| --- | --- | --- |",
    ]
    verdicts = {b: {s.ref: verdict(s, results[b][s.ref]) for s in sections} for b in BACKENDS}
    for backend in BACKENDS:
        ok = sum(good for good, _ in verdicts[backend].values())
        lines.append(f"| {backend} | {ok} | {len(sections) - ok} |")
    lines.append("")
    differing = [s for s in sections if not all(verdicts[b][s.ref][0] for b in BACKENDS)]
    if not differing:
        lines.append("Every section agrees on every backend.")
    for section in differing:
        page = _anchor_page(section)
        lines += ["", f"**[`{section.ref}`]({page})**", ""]
        for backend in BACKENDS:
            good, what = verdicts[backend][section.ref]
            if good:
                lines.append(f"- {backend}: agrees with TensorFlow.")
                continue
            head, _, rest = what.partition("\n")
            lines.append(f"- {backend}: {_code_spans(head)}")
            if rest:
                language = "diff" if rest.startswith("@@") else "text"
                lines += ["", f"    ```{language}", *[f"    {line}" for line in rest.splitlines()]]
                lines += ["    ```", ""]
    return "\n".join(lines).rstrip() + "\n"


def _code_spans(text: str) -> str:
    """Error messages as code, so Markdown leaves them alone."""
    if text.startswith("raises "):
        return "raises `" + text.removeprefix("raises ").replace("`", "'") + "`"
    return text


def main(argv: list[str] | None = None) -> int:
    """Entry point: write (or ``--check``) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report a stale report")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        _worker()
        return 0
    report = render(run_backends())
    rel = REPORT.relative_to(ROOT)
    if args.check:
        current = REPORT.read_text(encoding="utf-8") if REPORT.exists() else None
        if current != report:
            print(f"{rel}: stale; run `make outputs`")
            return 1
        return 0
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(report, encoding="utf-8")
    print(f"wrote {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
