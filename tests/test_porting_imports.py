"""What shown code may import, and the framework tabs of the pages.

- A section in a framework's tab (its name ends in ``_tf``, ``_torch``, ``_jax`` or ``_onnx``)
  imports only that framework, NumPy and the standard library.
- Sections elsewhere on the site use TensorFlow, Keras and NumPy only, except on the Porting
  pages and the porting pitfall, where a section that ports a model may use TensorFlow and one
  other framework, and the modules its page tells readers to save (``# snippet-saved-as:``).
- A tab labelled "PyTorch" shows only ``_torch`` sections, and so on: tabs with the same label
  are linked site-wide, so a label must always mean the same framework.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from sitekit.backends import imported_modules
from sitekit.sections import ROOT, Section, all_sections, parse, saved_modules

FAMILIES = {
    "tf": {"tensorflow", "keras"},
    "torch": {"torch"},
    "jax": {"jax", "jaxlib"},
    "onnx": {"onnx", "onnxruntime"},
}
LABELS = {"TensorFlow": "tf", "PyTorch": "torch", "JAX": "jax", "ONNX": "onnx"}
BASE = {"numpy"} | set(sys.stdlib_module_names)
PORTING = ("snippets/porting/", "snippets/pitfalls/porting_weights.py")
SECTIONS = all_sections()


def rel(section: Section) -> str:
    return section.path.relative_to(ROOT).as_posix()


def tab(section: Section) -> str | None:
    suffix = section.name.rpartition("_")[2]
    return suffix if section.name.count("_") and suffix in FAMILIES else None


def families(modules: set[str]) -> set[str]:
    return {name for name, members in FAMILIES.items() if modules & members}


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.ref)
def test_shown_code_imports(section: Section) -> None:
    modules = imported_modules(section)
    saved = {s.saved_as for s in parse(section.path) if s.saved_as}
    unknown = modules - BASE - saved - set().union(*FAMILIES.values())
    assert not unknown, f"{section.ref} imports {sorted(unknown)}"
    used = families(modules)
    if (framework := tab(section)) is not None:
        assert used <= {framework} and not modules & saved, (
            f"{section.ref} is a {framework} tab but imports {sorted(modules - BASE)}"
        )
    elif rel(section).startswith(PORTING):
        other = used - {"tf"}
        assert len(other) <= 1, f"{section.ref} mixes {sorted(other)}"
        if section.saved_as:
            assert len(used) == 1, f"{section.ref}, a module readers save, mixes {sorted(used)}"
    else:
        assert used <= {"tf"} and not saved, (
            f"{section.ref} imports {sorted(modules - BASE)}: outside the Porting pages, shown "
            "code uses TensorFlow, Keras and NumPy only"
        )


TAB = re.compile(r'^=== "(?P<label>[^"]+)"\n(?P<body>(?:(?:    .*)?\n)+)', re.M)
INCLUDE = re.compile(r'--8<-- "(?P<file>snippets/[^":]+\.py):(?P<section>[\w-]+)"')
PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_tabs_show_their_framework(page: Path) -> None:
    for m in TAB.finditer(page.read_text(encoding="utf-8")):
        label = m["label"]
        assert label in LABELS, f"{page.name}: tab {label!r} is not one of {sorted(LABELS)}"
        for include in INCLUDE.finditer(m["body"]):
            name = include["section"]
            assert name.endswith(f"_{LABELS[label]}"), (
                f"{page.name}: the {label} tab shows {name}, not a _{LABELS[label]} section"
            )


def test_rosetta_has_every_framework_for_every_operation() -> None:
    names = [s.name for s in parse(ROOT / "snippets" / "porting" / "rosetta.py")]
    operations = {n.rpartition("_")[0] for n in names}
    assert operations == {"conv", "dilated", "maxpool", "avgpool", "transposed", "causal"}
    assert sorted(names) == sorted(f"{op}_{fw}" for op in operations for fw in FAMILIES)


def test_saved_modules_are_importable_then_gone() -> None:
    path = ROOT / "snippets" / "porting" / "onnx_runtime.py"
    assert "onnx_run" not in sys.modules
    with saved_modules(path):
        import onnx_run  # type: ignore[import-not-found]

        assert callable(onnx_run.run) and onnx_run.__file__ == str(path)
    assert "onnx_run" not in sys.modules
