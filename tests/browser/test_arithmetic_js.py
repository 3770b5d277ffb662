"""``docs/javascripts/lib/arithmetic.js``, the browser's copy of the formulas, run in real Chromium,
agrees with ``snippets.arithmetic``: every function, on thousands of seeded random inputs, gives
the same result or refuses with the same ValueError message (naming the argument and its value).

The module is imported from the served site, exactly the file the pages load.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from snippets import arithmetic

pytestmark = pytest.mark.browser

# Python name -> JavaScript export; arguments are positional, in the same order.
FUNCTIONS = {
    "effective_kernel_size": "effectiveKernelSize",
    "same_padding": "samePadding",
    "padding_amounts": "paddingAmounts",
    "conv_output_size": "convOutputSize",
    "window_starts": "windowStarts",
    "pool_output_size": "poolOutputSize",
    "transposed_output_size": "transposedOutputSize",
    "receptive_field": "receptiveField",
}

RUN = """async (cases) => {
  const m = await import(new URL("javascripts/lib/arithmetic.js", document.baseURI).href);
  return cases.map(([name, args]) => {
    try {
      return { value: m[name](...args) };
    } catch (error) {
      if (!(error instanceof m.ArithmeticError)) return { crash: String(error) };
      return { error: error.message };
    }
  });
}"""

ODD = ("same", "SAME", "Valid", "causal", "full", "", None, True, 2.5, -1, 0)


def value(rng: random.Random, low: int, high: int, odd: float) -> object:
    """Mostly an integer in [low, high]; a share ``odd`` of values that are not."""
    if rng.random() < odd:
        return rng.choice((*ODD, low - 1, "3"))
    return rng.randint(low, high)


def padding(rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(("valid", "same", "causal", "VALID", "Same"))
    if roll < 0.7:
        return rng.randint(0, 4)
    if roll < 0.92:
        return (rng.randint(0, 4), rng.randint(0, 4))
    return rng.choice(("full", None, True, 1.5, -1, (1,), (1, 2, 3), (-1, 0), (0, "1"), ()))


def random_case(rng: random.Random, odd: float = 0.04) -> tuple[str, tuple[object, ...]]:
    name = rng.choice(list(FUNCTIONS))
    n = value(rng, 1, 40, odd)
    k = value(rng, 1, 9, odd)
    stride = value(rng, 1, 5, odd)
    dilation = value(rng, 1, 4, odd) if rng.random() < 0.4 else 1
    if name == "effective_kernel_size":
        return name, (k, dilation)
    if name == "same_padding":
        return name, (n, k, stride, dilation)
    if name in ("padding_amounts", "conv_output_size", "window_starts"):
        return name, (n, k, stride, padding(rng), dilation)
    if name == "pool_output_size":
        return name, (n, k, None if rng.random() < 0.3 else stride, padding(rng))
    if name == "transposed_output_size":
        op = None if rng.random() < 0.4 else value(rng, 0, 3, odd)
        return name, (n, k, stride, padding(rng), op, dilation)
    if rng.random() < 0.05:
        return name, ([rng.choice(((3, 1), "abc", 5, (3, 1, 1, 1), None))],)
    stack = [
        (value(rng, 1, 7, odd / 2), value(rng, 1, 3, odd / 2), value(rng, 1, 3, odd / 2))
        for _ in range(rng.randint(0, 6))
    ]
    return name, (stack,)


def python(name: str, args: tuple[object, ...]) -> dict[str, Any]:
    try:
        result = getattr(arithmetic, name)(*args)
    except ValueError as error:
        return {"error": str(error)}
    if isinstance(result, arithmetic.ReceptiveField):
        return {"value": {"size": result.size, "jump": result.jump}}
    return {"value": list(result) if isinstance(result, tuple) else result}


def test_javascript_arithmetic_matches_python(page: Any) -> None:
    rng = random.Random(20240612)
    cases = [random_case(rng) for _ in range(6000)]
    # Every function, with every argument out of range at least once.
    cases += [random_case(rng, odd=0.5) for _ in range(1000)]
    page.goto("")
    shown = []
    for start in range(0, len(cases), 1000):
        chunk = cases[start : start + 1000]
        shown += page.evaluate(RUN, [[FUNCTIONS[name], list(args)] for name, args in chunk])
    failures = []
    for (name, args), got in zip(cases, shown, strict=True):
        want = python(name, args)
        if got != want:
            failures.append(f"{name}{args!r}: JavaScript {got}, Python {want}")
    assert failures == [], f"{len(failures)} differ, first:\n" + "\n".join(failures[:10])
    outcomes = [python(name, args) for name, args in cases]
    errors = [o["error"] for o in outcomes if "error" in o]
    assert 1000 < len(errors) < 5000
    for needle in ("output would be empty", "no consistent output", "must be an integer >= 1",
                   "output_padding must be smaller", "smaller than the pool size", "(NoneType)",
                   "padding must be one of", "must be a (k, stride, dilation) triple",
                   "padding as a sequence"):  # fmt: skip
        assert any(needle in e for e in errors), needle
    answered = {name for (name, _), o in zip(cases, outcomes, strict=True) if "value" in o}
    assert answered == set(FUNCTIONS)
