"""Capture what each snippet section prints, so pages show real output.

``python -m sitekit.outputs`` (``make outputs``) runs every section alone and writes its printed
output to ``snippets/_outputs/<file>/<section>.txt``; sections that print nothing get no file.
``python -m sitekit.outputs --check`` writes nothing and lists the stale files instead.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sitekit.env import quiet_tensorflow

# Printed numbers must not depend on the CPU's oneDNN kernels; logs must not leak into output.
quiet_tensorflow()

from sitekit.sections import OUTPUTS, ROOT, Section, all_sections, run_section  # noqa: E402


def expected_outputs(sections: list[Section]) -> dict[Path, str]:
    """Run each section and map its output file to the text it should hold."""
    return {s.output_path: text for s in sections if (text := run_section(s))}


def stale(expected: dict[Path, str]) -> list[str]:
    """Human-readable problems: missing, different or orphaned output files."""
    problems = []
    for path, text in sorted(expected.items()):
        rel = path.relative_to(ROOT)
        if not path.exists():
            problems.append(f"{rel}: missing (the section prints output)")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{rel}: differs from what the section prints now")
    for path in sorted(OUTPUTS.rglob("*.txt")) if OUTPUTS.exists() else []:
        if path not in expected:
            problems.append(f"{path.relative_to(ROOT)}: no section prints this any more")
    return problems


def write(expected: dict[Path, str]) -> None:
    """Make ``snippets/_outputs`` hold exactly the expected files."""
    for path in OUTPUTS.rglob("*.txt") if OUTPUTS.exists() else []:
        if path not in expected:
            path.unlink()
    for path, text in expected.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in sorted(OUTPUTS.rglob("*"), reverse=True):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``make outputs``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    expected = expected_outputs(all_sections())
    if args.check:
        problems = stale(expected)
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    write(expected)
    print(f"wrote {len(expected)} output files to {OUTPUTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
