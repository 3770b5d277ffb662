"""``receptive_field`` against stacks of real TensorFlow convolutions.

The oracle measures, on a real stack of ``tf.nn.conv2d`` layers (all-ones kernels, VALID
padding, stride and dilation along the height), which input cells influence an output cell:

* by impulse, for any stack: the batch holds one input per cell, each all zeros but a single 1;
  since every weight is positive, output j of input b is non-zero exactly when cell b
  influences output j;
* by gradient (``tf.GradientTape``), for stacks without dilation: CPU TensorFlow has no kernel
  for the gradient of a dilated conv2d ("Current CPU implementations do not yet support
  dilation rates larger than 1").

The receptive field size is the span from the first to the last influencing cell (a dilated
stack leaves holes inside it); the jump is how far the first influencing cell moves between
output 0 and output 1.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Sequence

import numpy as np
import pytest
import tensorflow as tf

from snippets.arithmetic import ReceptiveField, receptive_field

pytestmark = pytest.mark.tf

Stack = Sequence[tuple[int, int, int]]

# Input sizes large enough for two outputs of every stack of each test (the largest field
# plus one jump): the impulse batch costs the square of it.
SINGLE_INPUT = 24  # 1 + 18 + 4
PAIR_INPUT = 48  # 1 + 8 + 24 + 9
DEEP_INPUT = 192  # 1 + 12 + 36 + 108 + 27
SINGLE_LAYERS = list(itertools.product(range(1, 8), range(1, 5), range(1, 4)))
SMALL_LAYERS = list(itertools.product((1, 2, 3, 5), (1, 2, 3), (1, 2)))
_rng = random.Random(20240611)
DEEP_STACKS = [
    [(_rng.randint(1, 5), _rng.randint(1, 3), _rng.randint(1, 3)) for _ in range(3)]
    for _ in range(120)
]


def apply_stack(x: tf.Tensor, stack: Stack) -> tf.Tensor:
    """Run ``x`` (N, H, 1, 1) through all-ones VALID convolutions along the height."""
    for k, stride, dilation in stack:
        kernel = tf.ones((k, 1, 1, 1))
        x = tf.nn.conv2d(x, kernel, strides=(stride, 1), padding="VALID", dilations=(dilation, 1))
    return x


def field_from_influence(influence: np.ndarray) -> ReceptiveField:
    """Size and jump from a (input cell, output cell) table of influences."""
    assert influence.shape[1] >= 2, "the input is too small for two outputs"
    first = np.flatnonzero(influence[:, 0])
    second = np.flatnonzero(influence[:, 1])
    size = int(first[-1] - first[0] + 1)
    # Every output sees a field of the same size, shifted by the jump.
    assert second[-1] - second[0] + 1 == size
    assert first[0] == 0, "VALID: output 0 starts at input 0"
    return ReceptiveField(size=size, jump=int(second[0] - first[0]))


def field_by_impulse(stack: Stack, size: int) -> ReceptiveField:
    """Receptive field measured by pushing one unit impulse per input cell through the stack."""
    impulses = tf.reshape(tf.eye(size), (size, size, 1, 1))  # batch b: a 1 at cell b
    out = apply_stack(impulses, stack)[:, :, 0, 0].numpy()
    return field_from_influence(out != 0)


def field_by_gradient(stack: Stack) -> ReceptiveField:
    """Receptive field measured as the gradient of outputs 0 and 1 with respect to the input."""
    x = tf.random.stateless_uniform((1, DEEP_INPUT, 1, 1), seed=(1, 2))
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        out = apply_stack(x, stack)
        first, second = out[0, 0, 0, 0], out[0, 1, 0, 0]
    grads = [tape.gradient(y, x)[0, :, 0, 0].numpy() for y in (first, second)]
    return field_from_influence(np.stack(grads, axis=1) != 0)


def assert_field(stack: Stack, measured: ReceptiveField) -> None:
    """The arithmetic's field of ``stack`` equals the measured one."""
    assert receptive_field(stack) == measured, f"stack {stack}"


def test_single_layers_by_impulse() -> None:
    """Every single layer of the grid (k 1..7, stride 1..4, dilation 1..3)."""
    for layer in SINGLE_LAYERS:
        assert_field([layer], field_by_impulse([layer], SINGLE_INPUT))


def test_pairs_of_layers_by_impulse() -> None:
    """Every pair of layers from a smaller set, dilation included."""
    for stack in itertools.product(SMALL_LAYERS, repeat=2):
        assert_field(stack, field_by_impulse(stack, PAIR_INPUT))


def test_deep_stacks_by_impulse() -> None:
    """Random three-layer stacks (fixed seed)."""
    for stack in DEEP_STACKS:
        assert_field(stack, field_by_impulse(stack, DEEP_INPUT))


@pytest.mark.parametrize("depth", [1, 2, 3])
def test_undilated_stacks_by_gradient(depth: int) -> None:
    """Stacks without dilation, measured with ``tf.GradientTape``."""
    layers = [(k, s, 1) for k, s in itertools.product((1, 2, 3, 4, 7), (1, 2, 3))]
    stacks = list(itertools.product(layers, repeat=depth))
    for stack in random.Random(depth).sample(stacks, min(len(stacks), 60)):
        assert_field(stack, field_by_gradient(stack))


def test_empty_stack_sees_one_cell() -> None:
    """No layer at all: each output cell is its own input cell, one apart."""
    assert_field([], field_by_impulse([], SINGLE_INPUT))


def test_cpu_refuses_the_gradient_of_dilated_conv() -> None:
    """Why dilated stacks are measured by impulse: the CPU gradient kernel refuses them."""
    assert_field([(3, 1, 2)], field_by_impulse([(3, 1, 2)], SINGLE_INPUT))
    with pytest.raises(tf.errors.InvalidArgumentError, match="do not yet support dilation"):
        field_by_gradient([(3, 1, 2)])
