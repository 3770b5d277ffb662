"""Receptive field and jump across layers, measured with a gradient
(page: concepts/receptive-field.md)."""

# --8<-- [start:measure]
import keras
import numpy as np
import tensorflow as tf


def measure(layers, n=64):
    """Stack 1-D VALID convolutions of ones; return the receptive field of one output cell
    and the jump between the fields of two neighbouring output cells."""
    model = keras.Sequential(
        [keras.Input((n, 1))]
        + [
            keras.layers.Conv1D(
                1, k, strides=s, dilation_rate=d, kernel_initializer="ones", use_bias=False
            )
            for k, s, d in layers
        ]
    )
    x = tf.zeros([1, n, 1])
    reads = []
    for i in [0, 1]:
        with tf.GradientTape() as tape:
            tape.watch(x)
            y = model(x)[0, i, 0]
        # The input cells with a nonzero gradient are the ones output i depends on.
        reads.append(np.flatnonzero(tape.gradient(y, x).numpy().ravel()))
    return reads[0].size, reads[1][0] - reads[0][0]


stacks = {
    "3 layers, k=3, stride 1": [(3, 1, 1), (3, 1, 1), (3, 1, 1)],
    "same, first layer stride 2": [(3, 2, 1), (3, 1, 1), (3, 1, 1)],
    "same, last layer stride 2": [(3, 1, 1), (3, 1, 1), (3, 2, 1)],
    "3 layers, dilation 1, 2, 4": [(3, 1, 1), (3, 1, 2), (3, 1, 4)],
}
measured = {}
for name, layers in stacks.items():
    measured[name] = size, jump = measure(layers)
    print(f"{name:27} field {size:2}, jump {jump}")
# --8<-- [end:measure]

from snippets.arithmetic import receptive_field, window_starts

for name, layers in stacks.items():
    assert measured[name] == tuple(receptive_field(layers)), name
assert receptive_field([(3, 1, 1), (3, 1, 1)]).size == 5

# --8<-- [start:same_borders]
import keras
import numpy as np
import tensorflow as tf


def field_of(output_index, n):
    """Input cells that output `output_index` of two SAME, stride-2, 3-tap layers reads."""
    model = keras.Sequential(
        [keras.Input((n, 1))]
        + [
            keras.layers.Conv1D(1, 3, strides=2, padding="same", kernel_initializer="ones")
            for _ in range(2)
        ]
    )
    x = tf.zeros([1, n, 1])
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = model(x)[0, output_index, 0]
    read = np.flatnonzero(tape.gradient(y, x).numpy().ravel())
    return f"cells {read[0]}..{read[-1]} ({read.size} cells)"


fields = {}
for n in [8, 9]:
    fields[n] = [field_of(0, n), field_of(1, n)]
    print(f"n={n}: output 0 reads {fields[n][0]}; output 1 reads {fields[n][1]}")
# --8<-- [end:same_borders]


def _field_by_arithmetic(output_index: int, n: int) -> tuple[int, int]:
    """First and last real input cell read, walking window starts back through both layers."""
    mid = len(window_starts(n, 3, 2, "same"))
    first_mid = window_starts(mid, 3, 2, "same")[output_index]
    mids = [m for m in range(first_mid, first_mid + 3) if 0 <= m < mid]
    starts = window_starts(n, 3, 2, "same")
    cells = [c for m in mids for c in range(starts[m], starts[m] + 3) if 0 <= c < n]
    return min(cells), max(cells)


for n in [8, 9]:
    for index in [0, 1]:
        first, last = _field_by_arithmetic(index, n)
        assert fields[n][index] == f"cells {first}..{last} ({last - first + 1} cells)"
# The full (unclipped) field of two such layers.
assert receptive_field([(3, 2, 1), (3, 2, 1)]) == (7, 4)


def _unclipped_start(output_index: int, n: int) -> int:
    """First input cell of the full field, padding included (negative: before the input)."""
    mid = len(window_starts(n, 3, 2, "same"))
    first_mid = window_starts(mid, 3, 2, "same")[output_index]
    first_input_start = window_starts(n, 3, 2, "same")[0]
    return first_input_start + first_mid * 2  # mid cell m's window starts at start_0 + 2m


assert _unclipped_start(0, 8) == 0 and _unclipped_start(0, 9) == -3
for index in range(2):  # n=8 ends with 2 outputs, n=9 with 3: compare the ones both have
    assert _unclipped_start(index, 9) - _unclipped_start(index, 8) == -3
