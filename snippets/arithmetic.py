"""Convolution arithmetic as TensorFlow and Keras compute it: the single home of the formulas.

Pure Python, no TensorFlow import, so figures, the playground's tests and the pages can all use it.
Every function here is checked against real TensorFlow in ``tests/test_arithmetic_tf.py``.

Notation: ``n`` input size along one axis, ``k`` kernel (or pool) size, ``stride``, ``dilation``,
and the effective kernel ``k_eff = (k - 1) * dilation + 1``: the span one window covers.

Padding can be given as:

* ``"valid"``: no padding;
* ``"same"``: TensorFlow's SAME, ``ceil(n / stride)`` outputs, with the odd pad cell at the end;
* ``"causal"``: ``dilation * (k - 1)`` cells before the input and none after (Keras ``Conv1D``);
* an ``int`` ``p``: ``p`` cells on both sides (PyTorch's ``padding=p``);
* a ``(before, after)`` pair: what ``tf.nn.conv2d`` takes per axis as explicit padding.

Bad input raises :class:`ValueError` naming the argument, its value and what is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from numbers import Integral
from typing import NamedTuple

Padding = str | int | tuple[int, int]

PADDING_NAMES = ("valid", "same", "causal")


def _check_int(name: str, value: object, minimum: int) -> int:
    """Return ``value`` as an int, or raise if it is not an integer >= ``minimum``."""
    if type(value) is int and value >= minimum:  # the common case, without the ABC checks below
        return value
    # bool is an Integral subclass, but True as a kernel size is always a mistake.
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise ValueError(
            f"{name} must be an integer >= {minimum}, got {value!r} ({type(value).__name__})"
        )
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def effective_kernel_size(k: int, dilation: int = 1) -> int:
    """Span of a dilated kernel: ``(k - 1) * dilation + 1``.

    >>> effective_kernel_size(3, dilation=2)
    5
    """
    k = _check_int("k", k, 1)
    dilation = _check_int("dilation", dilation, 1)
    return (k - 1) * dilation + 1


def _normalize_padding(padding: object, *, allowed: Sequence[str]) -> str | tuple[int, int]:
    """Return a lower-case padding name from ``allowed`` or an explicit ``(before, after)`` pair."""
    if isinstance(padding, str):
        name = padding.lower()
        if name not in allowed:
            choices = ", ".join(repr(a) for a in allowed)
            raise ValueError(
                f"padding must be one of {choices}, an int or a (before, after) pair, "
                f"got {padding!r}"
            )
        return name
    if isinstance(padding, bool) or not isinstance(padding, Integral | tuple | list):
        raise ValueError(
            f"padding must be a string, an int or a (before, after) pair of ints, got {padding!r}"
        )
    if isinstance(padding, Integral):
        p = _check_int("padding", padding, 0)
        return (p, p)
    if len(padding) != 2:
        raise ValueError(
            f"padding as a sequence must be a (before, after) pair, got {padding!r} "
            f"with {len(padding)} items"
        )
    before = _check_int("padding[0] (before)", padding[0], 0)
    after = _check_int("padding[1] (after)", padding[1], 0)
    return (before, after)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def same_padding(n: int, k: int, stride: int = 1, dilation: int = 1) -> tuple[int, int]:
    """TensorFlow's SAME padding along one axis, as ``(before, after)``.

    The output has ``ceil(n / stride)`` positions; the total padding is whatever makes the last
    window fit, and the odd cell goes *after* the input (bottom or right).

    >>> same_padding(6, 3, stride=2)
    (0, 1)
    >>> same_padding(7, 3, stride=2)
    (1, 1)
    """
    n = _check_int("n", n, 1)
    stride = _check_int("stride", stride, 1)
    k_eff = effective_kernel_size(k, dilation)
    out = _ceil_div(n, stride)
    total = max((out - 1) * stride + k_eff - n, 0)
    return (total // 2, total - total // 2)


def padding_amounts(
    n: int, k: int, stride: int = 1, padding: Padding = "valid", dilation: int = 1
) -> tuple[int, int]:
    """The ``(before, after)`` cells of padding that a padding spec adds along one axis.

    >>> padding_amounts(5, 3, padding="causal", dilation=2)
    (4, 0)
    """
    n = _check_int("n", n, 1)
    stride = _check_int("stride", stride, 1)
    k_eff = effective_kernel_size(k, dilation)
    spec = _normalize_padding(padding, allowed=PADDING_NAMES)
    if spec == "valid":
        return (0, 0)
    if spec == "same":
        return same_padding(n, k, stride, dilation)
    if spec == "causal":
        return (k_eff - 1, 0)
    return spec  # type: ignore[return-value]


def _windows_fit(
    n: int, before: int, after: int, k: int, stride: int, dilation: int, kernel_name: str = "k"
) -> int:
    """Number of windows on the padded input, or a ValueError that says what does not fit."""
    k_eff = (k - 1) * dilation + 1
    padded = n + before + after
    if padded < k_eff:
        raise ValueError(
            f"output would be empty: the effective kernel size {k_eff} "
            f"({kernel_name}={k}, dilation={dilation}) does not fit into the padded input of "
            f"size {padded} (n={n}, padding=({before}, {after})); Keras says 'Computed output "
            f"size would be zero or negative'"
        )
    return (padded - k_eff) // stride + 1


def conv_output_size(
    n: int, k: int, stride: int = 1, padding: Padding = "valid", dilation: int = 1
) -> int:
    """Output length of a convolution along one axis, as TensorFlow computes it.

    >>> conv_output_size(7, 3, stride=2, padding="same")
    4
    >>> conv_output_size(7, 3, stride=2, padding="valid")
    3
    >>> conv_output_size(7, 3, stride=2, padding=(1, 1))
    4
    """
    before, after = padding_amounts(n, k, stride, padding, dilation)
    return _windows_fit(n, before, after, k, stride, dilation)


def window_starts(
    n: int, k: int, stride: int = 1, padding: Padding = "valid", dilation: int = 1
) -> list[int]:
    """First input index each window reads, in unpadded input coordinates.

    A negative start means the window begins in the padding before the input.

    >>> window_starts(6, 3, stride=2, padding="same")
    [0, 2, 4]
    >>> window_starts(7, 3, stride=2, padding="same")
    [-1, 1, 3, 5]
    """
    before, _ = padding_amounts(n, k, stride, padding, dilation)
    out = conv_output_size(n, k, stride, padding, dilation)
    return [i * stride - before for i in range(out)]


def pool_output_size(
    n: int, pool: int, stride: int | None = None, padding: Padding = "valid"
) -> int:
    """Output length of max or average pooling along one axis.

    As in Keras, ``stride`` defaults to ``pool``. Explicit padding must be smaller than
    ``pool`` on each side, as ``tf.nn.max_pool2d`` requires ("Top padding 3 needs to be
    smaller than the window size 2"): every window then holds at least one real cell.

    >>> pool_output_size(5, 2, padding="same")
    3
    """
    pool = _check_int("pool", pool, 1)
    if stride is None:
        stride = pool
    spec = _normalize_padding(padding, allowed=("valid", "same"))
    if isinstance(spec, tuple) and max(spec) >= pool:
        raise ValueError(
            f"padding must be smaller than the pool size on each side, got padding={padding!r} "
            f"with pool={pool}; tf.nn.max_pool2d refuses it"
        )
    before, after = padding_amounts(n, pool, stride, padding)
    return _windows_fit(n, before, after, pool, stride, 1, kernel_name="pool")


def transposed_output_size(
    n: int,
    k: int,
    stride: int = 1,
    padding: Padding = "valid",
    output_padding: int | None = None,
    dilation: int = 1,
) -> int:
    """Output length of a transposed convolution, with Keras ``Conv2DTranspose`` semantics.

    * ``"valid"``: ``(n - 1) * stride + k_eff + output_padding``; when ``output_padding`` is
      None Keras uses ``max(k_eff, stride) - k_eff``.
    * ``"same"``: ``n * stride`` when ``output_padding`` is None, else
      ``(n - 1) * stride + k_eff % 2 + output_padding``.
    * explicit ``p`` or ``(before, after)``: ``(n - 1) * stride + k_eff - before - after +
      output_padding`` (the arithmetic of Dumoulin & Visin; Keras layers do not take it).

    ``output_padding`` must be smaller than ``stride``. A size that the matching forward
    convolution would not map back to ``n`` is refused, because TensorFlow refuses it too.

    >>> transposed_output_size(4, 3, stride=2, padding="same")
    8
    >>> transposed_output_size(4, 3, stride=2, padding="same", output_padding=0)
    7
    """
    n = _check_int("n", n, 1)
    stride = _check_int("stride", stride, 1)
    k_eff = effective_kernel_size(k, dilation)
    spec = _normalize_padding(padding, allowed=("valid", "same"))
    if output_padding is not None:
        output_padding = _check_int("output_padding", output_padding, 0)
        if output_padding >= stride:
            raise ValueError(
                f"output_padding must be smaller than stride, got output_padding="
                f"{output_padding} with stride={stride}"
            )
    if spec == "valid":
        op = max(k_eff, stride) - k_eff if output_padding is None else output_padding
        out = (n - 1) * stride + k_eff + op
    elif spec == "same":
        out = (
            n * stride if output_padding is None else (n - 1) * stride + k_eff % 2 + output_padding
        )
    else:
        before, after = spec
        op = 0 if output_padding is None else output_padding
        out = (n - 1) * stride + k_eff - before - after + op
    forward = padding if isinstance(padding, str) else spec
    # The padded output always holds k_eff (out + pads >= k_eff), so the forward size exists.
    if out < 1 or conv_output_size(out, k, stride, forward, dilation) != n:
        raise ValueError(
            f"transposed convolution has no consistent output: n={n}, k={k}, stride={stride}, "
            f"padding={padding!r}, output_padding={output_padding!r}, dilation={dilation} "
            f"gives length {out}, which the forward convolution does not map back to n={n}"
        )
    return out


class ReceptiveField(NamedTuple):
    """What one output position of a stack of layers sees of the input."""

    size: int
    """Span, in input cells along one axis, from the first to the last cell that can influence
    one output cell (with dilation there are cells inside the span that it skips)."""
    jump: int
    """Distance, in input cells, between two neighbouring output cells."""


def receptive_field(layers: Iterable[Sequence[int]]) -> ReceptiveField:
    """Receptive field size and jump of a stack of ``(k, stride, dilation)`` layers.

    Each layer adds ``(k_eff - 1) * jump`` to the field and multiplies the jump by its stride.
    An empty stack sees one cell.

    >>> receptive_field([(3, 1, 1), (3, 1, 1)])
    ReceptiveField(size=5, jump=1)
    >>> receptive_field([(7, 2, 1), (3, 2, 1)])
    ReceptiveField(size=11, jump=4)
    """
    size, jump = 1, 1
    for index, layer in enumerate(layers):
        if isinstance(layer, str) or not isinstance(layer, Sequence) or len(layer) != 3:
            raise ValueError(
                f"layers[{index}] must be a (k, stride, dilation) triple, got {layer!r}"
            )
        k = _check_int(f"layers[{index}] k", layer[0], 1)
        stride = _check_int(f"layers[{index}] stride", layer[1], 1)
        dilation = _check_int(f"layers[{index}] dilation", layer[2], 1)
        k_eff = (k - 1) * dilation + 1
        size += (k_eff - 1) * jump
        jump *= stride
    return ReceptiveField(size=size, jump=jump)
