"""Bad input to ``snippets/arithmetic.py`` is refused with a ValueError that says what is wrong.

Driven by Hypothesis: every message must name the argument and show the bad value. No
TensorFlow here (whether TF refuses the same configurations is ``test_arithmetic_tf.py``'s job).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from snippets.arithmetic import (
    conv_output_size,
    effective_kernel_size,
    padding_amounts,
    pool_output_size,
    receptive_field,
    same_padding,
    transposed_output_size,
    window_starts,
)

# Pure Python and fast, but a loaded CI machine must not turn a slow example into a failure.
quick = settings(deadline=None)


def refusal(fn: Callable[..., object], **kwargs: object) -> str:
    """The message of the ValueError that ``fn(**kwargs)`` must raise."""
    with pytest.raises(ValueError) as info:
        fn(**kwargs)
    return str(info.value)


def assert_names(message: str, name: str, value: object) -> None:
    """The message names the argument and shows the bad value as Python writes it."""
    assert name in message, f"{name!r} not named in: {message}"
    assert repr(value) in message, f"{value!r} not shown in: {message}"


# Each function with valid arguments, and the minimum of each integer argument.
CONV = {"n": 7, "k": 3, "stride": 2, "padding": "same", "dilation": 2}
CONV_INTS = {"n": 1, "k": 1, "stride": 1, "dilation": 1}
FUNCTIONS: dict[str, tuple[Callable[..., Any], dict[str, object], dict[str, int]]] = {
    "effective_kernel_size": (
        effective_kernel_size,
        {"k": 3, "dilation": 2},
        {"k": 1, "dilation": 1},
    ),
    "same_padding": (
        same_padding,
        {"n": 7, "k": 3, "stride": 2, "dilation": 2},
        CONV_INTS,
    ),
    "padding_amounts": (padding_amounts, CONV, CONV_INTS),
    "conv_output_size": (conv_output_size, CONV, CONV_INTS),
    "window_starts": (window_starts, CONV, CONV_INTS),
    "pool_output_size": (
        pool_output_size,
        {"n": 7, "pool": 2, "stride": 2, "padding": "valid"},
        {"n": 1, "pool": 1, "stride": 1},
    ),
    "transposed_output_size": (
        transposed_output_size,
        {"n": 4, "k": 3, "stride": 2, "padding": "same", "output_padding": 1, "dilation": 1},
        {**CONV_INTS, "output_padding": 0},
    ),
}
INTEGER_ARGUMENTS = [
    (name, argument) for name, (_, _, ints) in FUNCTIONS.items() for argument in ints
]
# Arguments for which None is a valid value (its documented default).
NONE_ALLOWED = {("pool_output_size", "stride"), ("transposed_output_size", "output_padding")}
# The functions that take padding, and the padding names each knows.
PADDING_FUNCTIONS = {
    "padding_amounts": ("valid", "same", "causal"),
    "conv_output_size": ("valid", "same", "causal"),
    "window_starts": ("valid", "same", "causal"),
    "pool_output_size": ("valid", "same"),
    "transposed_output_size": ("valid", "same"),
}

non_integers = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=4),
    st.none(),
    st.booleans(),
    st.complex_numbers(max_magnitude=10),
    st.fractions(max_denominator=5),
    st.lists(st.integers(0, 3), max_size=2),
)


@quick
@given(case=st.sampled_from(INTEGER_ARGUMENTS), value=non_integers)
def test_non_integers_are_refused(case: tuple[str, str], value: object) -> None:
    """Floats (even 3.0), strings, None, bools, fractions, lists: never a size."""
    name, argument = case
    assume(not (value is None and case in NONE_ALLOWED))
    fn, valid, _ = FUNCTIONS[name]
    message = refusal(fn, **{**valid, argument: value})
    assert_names(message, argument, value)
    assert "integer" in message


def test_numpy_integers_are_sizes() -> None:
    """A size read off an array (``np.int64``, ``np.uint8``) works like the int it holds."""
    import numpy as np

    assert conv_output_size(np.int64(7), np.int32(3), stride=np.uint8(2), padding="same") == 4
    split = same_padding(np.int64(6), np.int64(3), stride=np.int64(2))
    assert split == (0, 1) and {type(cells) for cells in split} == {int}


@quick
@given(case=st.sampled_from(INTEGER_ARGUMENTS), value=st.booleans())
def test_bools_are_refused(case: tuple[str, str], value: bool) -> None:
    """``True`` is an int to Python, but ``k=True`` is a mistake, not a kernel of 1."""
    name, argument = case
    fn, valid, _ = FUNCTIONS[name]
    assert_names(refusal(fn, **{**valid, argument: value}), argument, value)


@quick
@given(case=st.sampled_from(INTEGER_ARGUMENTS), data=st.data())
def test_integers_below_the_minimum_are_refused(case: tuple[str, str], data: st.DataObject) -> None:
    """n, k, stride, dilation, pool below 1, output_padding below 0."""
    name, argument = case
    fn, valid, minimum = FUNCTIONS[name]
    value = data.draw(st.integers(max_value=minimum[argument] - 1), label=argument)
    message = refusal(fn, **{**valid, argument: value})
    assert_names(message, argument, value)
    assert f">= {minimum[argument]}" in message


@quick
@given(name=st.sampled_from(sorted(PADDING_FUNCTIONS)), padding=st.text(max_size=8))
def test_unknown_padding_names_are_refused(name: str, padding: str) -> None:
    """Padding names are checked (case-insensitively) against the ones the function knows."""
    allowed = PADDING_FUNCTIONS[name]
    assume(padding.lower() not in allowed)
    fn, valid, _ = FUNCTIONS[name]
    message = refusal(fn, **{**valid, "padding": padding})
    assert_names(message, "padding", padding)
    for option in allowed:
        assert repr(option) in message


@quick
@given(name=st.sampled_from(sorted(PADDING_FUNCTIONS)), padding=st.sampled_from(["VALID", "Same"]))
def test_padding_names_ignore_case(name: str, padding: str) -> None:
    """The contrast to the test above: TensorFlow spells them 'VALID' and 'SAME'."""
    fn, valid, _ = FUNCTIONS[name]
    assert fn(**{**valid, "padding": padding}) == fn(**{**valid, "padding": padding.lower()})


@quick
@given(name=st.sampled_from(sorted(PADDING_FUNCTIONS)), amount=st.integers(max_value=-1))
def test_negative_padding_is_refused(name: str, amount: int) -> None:
    """A negative int padding or a negative side of a (before, after) pair."""
    fn, valid, _ = FUNCTIONS[name]
    for padding in (amount, (amount, 0), (0, amount)):
        message = refusal(fn, **{**valid, "padding": padding})
        assert_names(message, "padding", amount)


@quick
@given(
    name=st.sampled_from(sorted(PADDING_FUNCTIONS)),
    padding=st.one_of(
        st.floats(),
        st.none(),
        st.booleans(),
        st.dictionaries(st.text(max_size=1), st.integers(), max_size=1),
        st.tuples(st.integers(0, 3), st.floats()),
        st.tuples(st.text(max_size=2), st.integers(0, 3)),
        st.tuples(st.booleans(), st.integers(0, 3)),
        st.lists(st.integers(0, 3), min_size=3, max_size=4).map(tuple),
        st.lists(st.integers(0, 3), max_size=1),
    ),
)
def test_malformed_padding_is_refused(name: str, padding: object) -> None:
    """Padding that is neither a name, an int >= 0 nor a (before, after) pair of ints."""
    fn, valid, _ = FUNCTIONS[name]
    message = refusal(fn, **{**valid, "padding": padding})
    assert "padding" in message
    if isinstance(padding, tuple) and len(padding) == 2:
        # A pair is checked side by side: the message shows the bad side.
        before = padding[0]
        bad = before if isinstance(before, bool) or not isinstance(before, int) else padding[1]
        assert_names(message, "padding[0]" if bad is before else "padding[1]", bad)
    else:
        assert_names(message, "padding", padding)


@quick
@given(
    stride=st.integers(1, 6),
    extra=st.integers(0, 10),
    n=st.integers(1, 20),
    k=st.integers(1, 7),
    padding=st.sampled_from(["valid", "same", 1, (0, 2)]),
)
def test_output_padding_must_be_smaller_than_stride(
    stride: int, extra: int, n: int, k: int, padding: object
) -> None:
    """Keras: "`output_padding` must be strictly less than `strides`"."""
    output_padding = stride + extra
    message = refusal(
        transposed_output_size,
        n=n,
        k=k,
        stride=stride,
        padding=padding,
        output_padding=output_padding,
    )
    assert f"output_padding={output_padding}" in message
    assert f"stride={stride}" in message


@quick
@given(
    k=st.integers(2, 9),
    dilation=st.integers(1, 4),
    stride=st.integers(1, 4),
    data=st.data(),
)
def test_empty_convolution_output_is_refused(
    k: int, dilation: int, stride: int, data: st.DataObject
) -> None:
    """A kernel that does not fit into the padded input: no output rather than 0 or less."""
    k_eff = (k - 1) * dilation + 1
    padded = data.draw(st.integers(1, k_eff - 1), label="n + before + after")
    n = data.draw(st.integers(1, padded), label="n")
    before = data.draw(st.integers(0, padded - n), label="before")
    after = padded - n - before
    for fn in (conv_output_size, window_starts):
        message = refusal(fn, n=n, k=k, stride=stride, padding=(before, after), dilation=dilation)
        assert "output would be empty" in message
        for shown in (f"(n={n},", f"(k={k},", f"dilation={dilation})", f"({before}, {after})"):
            assert shown in message


@quick
@given(
    n=st.integers(1, 30),
    extra=st.integers(1, 9),
    stride=st.one_of(st.none(), st.integers(1, 4)),
)
def test_empty_pooling_output_is_refused(n: int, extra: int, stride: int | None) -> None:
    """A pool larger than a VALID input."""
    pool = n + extra
    message = refusal(pool_output_size, n=n, pool=pool, stride=stride, padding="valid")
    assert "output would be empty" in message
    assert f"(n={n}," in message
    assert f"(pool={pool}," in message


@quick
@given(
    n=st.integers(1, 16),
    pool=st.integers(1, 7),
    data=st.data(),
)
def test_explicit_pool_padding_must_be_smaller_than_the_pool(
    n: int, pool: int, data: st.DataObject
) -> None:
    """``tf.nn.max_pool2d``: "Top padding 3 needs to be smaller than the window size 2"."""
    too_much = data.draw(st.integers(pool, pool + 5), label="too much")
    other = data.draw(st.integers(0, pool + 5), label="other side")
    padding = data.draw(st.sampled_from([(too_much, other), (other, too_much)]), label="padding")
    message = refusal(pool_output_size, n=n, pool=pool, padding=padding)
    assert_names(message, "padding", padding)
    assert f"pool={pool}" in message


@quick
@given(
    n=st.integers(1, 16),
    k=st.integers(1, 7).filter(lambda k: k % 2 == 0),
    stride=st.integers(1, 4),
)
def test_transposed_size_that_does_not_map_back_is_refused(n: int, k: int, stride: int) -> None:
    """SAME, output_padding=0 and an even kernel: (n - 1) * stride, which SAME maps to n - 1."""
    message = refusal(
        transposed_output_size, n=n, k=k, stride=stride, padding="same", output_padding=0
    )
    for shown in (f"n={n}", f"k={k}", f"stride={stride}", "output_padding=0"):
        assert shown in message


layer_values = st.one_of(st.integers(max_value=0), non_integers)


@quick
@given(
    good=st.lists(st.tuples(st.integers(1, 7), st.integers(1, 4), st.integers(1, 3)), max_size=3),
    position=st.integers(0, 2),
    value=layer_values,
)
def test_bad_receptive_field_layers_are_refused(
    good: list[tuple[int, int, int]], position: int, value: object
) -> None:
    """A (k, stride, dilation) with a bad entry: the message says which layer and which entry."""
    index = len(good)
    layer = [3, 1, 1]
    layer[position] = value
    message = refusal(receptive_field, layers=[*good, tuple(layer)])
    name = ("k", "stride", "dilation")[position]
    assert_names(message, f"layers[{index}] {name}", value)


@quick
@given(
    layer=st.one_of(
        st.integers(),
        st.none(),
        st.text(max_size=3),
        st.lists(st.integers(1, 3), max_size=2).map(tuple),
        st.lists(st.integers(1, 3), min_size=4, max_size=5).map(tuple),
    )
)
def test_receptive_field_layers_must_be_triples(layer: object) -> None:
    """Each layer is a (k, stride, dilation) triple."""
    message = refusal(receptive_field, layers=[(3, 1, 1), layer])
    assert_names(message, "layers[1]", layer)
    assert "triple" in message
