"""Causal padding: left padding only, output sizes, and no leakage from the future
(page: concepts/causal.md)."""

# --8<-- [start:causal_sizes]
import keras

x = keras.ops.zeros([1, 10, 1])  # (batch, time steps, channels)
for kernel_size, dilation, stride in [(3, 1, 1), (3, 2, 1), (3, 1, 2), (3, 1, 3)]:
    conv = keras.layers.Conv1D(
        1, kernel_size, strides=stride, dilation_rate=dilation, padding="causal"
    )
    print(f"k={kernel_size} dilation={dilation} stride={stride}: 10 steps -> {conv(x).shape[1]}")
# --8<-- [end:causal_sizes]

import math

import numpy as np
import tensorflow as tf

from snippets.arithmetic import (
    conv_output_size,
    effective_kernel_size,
    padding_amounts,
    receptive_field,
)

for kernel_size, dilation, stride in [(3, 1, 1), (3, 2, 1), (3, 1, 2), (3, 1, 3)]:
    conv = keras.layers.Conv1D(
        1, kernel_size, strides=stride, dilation_rate=dilation, padding="causal"
    )
    expected = conv_output_size(10, kernel_size, stride, "causal", dilation)
    assert conv(x).shape[1] == expected == math.ceil(10 / stride)

# --8<-- [start:left_padding]
import keras
import numpy as np
import tensorflow as tf

x = tf.constant(np.random.default_rng(0).normal(size=[1, 10, 1]), tf.float32)
causal = keras.layers.Conv1D(1, kernel_size=3, dilation_rate=2, padding="causal")
y = causal(x)

# The same layer written out: (3 - 1) * 2 = 4 zeros before the sequence, none after, then VALID.
kernel, bias = causal.get_weights()
padded = tf.pad(x, [[0, 0], [4, 0], [0, 0]])
by_hand = tf.nn.conv1d(padded, kernel, stride=1, padding="VALID", dilations=2) + bias
print("causal == left padding + VALID:", np.allclose(y, by_hand, atol=1e-5))
# --8<-- [end:left_padding]

assert padding_amounts(10, 3, 1, "causal", dilation=2) == (4, 0)
assert np.allclose(y, by_hand, atol=1e-5)

# --8<-- [start:no_future]
import keras
import numpy as np
import tensorflow as tf

rng = np.random.default_rng(0)
x = rng.normal(size=[1, 10, 1]).astype(np.float32)
t = 5  # the present; steps 6..9 are the future
future_changed = x.copy()
future_changed[0, t + 1 :, 0] = rng.normal(size=10 - t - 1)

for padding in ["causal", "same"]:
    conv = keras.layers.Conv1D(1, kernel_size=3, padding=padding)
    before, after = conv(x).numpy().ravel(), conv(future_changed).numpy().ravel()
    kept = np.allclose(before[: t + 1], after[: t + 1])
    print(f"{padding:6}: outputs up to step {t} unchanged: {kept}")
# --8<-- [end:no_future]

# Prove it for every present t, several kernels and dilations: y[t] depends on x[..t] only.
for kernel_size, dilation in [(2, 1), (3, 1), (3, 2), (5, 3)]:
    conv = keras.layers.Conv1D(1, kernel_size, dilation_rate=dilation, padding="causal")
    base = conv(x).numpy().ravel()
    for step in range(10):
        edited = x.copy()
        edited[0, step, 0] += 1.0
        changed = np.flatnonzero(~np.isclose(conv(edited).numpy().ravel(), base, atol=1e-6))
        # Editing x[step] may change only outputs step .. step + k_eff - 1: y[t] reads
        # x[t - d(k - 1)] .. x[t] and nothing later.
        k_eff = effective_kernel_size(kernel_size, dilation)
        assert changed.size > 0 and changed.min() >= step, (kernel_size, dilation, step)
        assert changed.max() <= step + k_eff - 1, (kernel_size, dilation, step)
same = keras.layers.Conv1D(1, 3, padding="same")
edited = x.copy()
edited[0, t + 1, 0] += 1.0
assert not np.isclose(same(edited).numpy().ravel()[t], same(x).numpy().ravel()[t])

# Only Conv1D has "causal"; the stride/dilation restriction applies to it as well.
try:
    keras.layers.Conv2D(1, 3, padding="causal")
except ValueError as error:
    assert "causal" in str(error)
else:
    raise AssertionError("Conv2D accepted padding='causal'")
try:
    keras.layers.Conv1D(1, 3, strides=2, dilation_rate=2, padding="causal")
except ValueError as error:
    assert "not supported in conjunction with" in str(error)
else:
    raise AssertionError("causal Conv1D accepted stride 2 with dilation 2")
# A WaveNet-style stack, kernel 2 with dilations 1, 2, 4, 8, sees 16 steps.
assert receptive_field([(2, 1, 1), (2, 1, 2), (2, 1, 4), (2, 1, 8)]).size == 16
stack = keras.Sequential(
    [keras.Input((32, 1))]
    + [
        keras.layers.Conv1D(1, 2, dilation_rate=d, padding="causal", kernel_initializer="ones")
        for d in [1, 2, 4, 8]
    ]
)
signal = tf.zeros([1, 32, 1])
with tf.GradientTape() as tape:
    tape.watch(signal)
    last = stack(signal)[0, -1, 0]
assert np.count_nonzero(tape.gradient(last, signal).numpy()) == 16
