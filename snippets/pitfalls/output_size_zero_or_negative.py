"""Pitfall: output size zero or negative (page: pitfalls/output-size-zero-or-negative.md)."""

# snippet-raises: ValueError
# --8<-- [start:wrong]
import keras

x = keras.ops.zeros([1, 28, 28, 1])
layers = []
for filters in [16, 32, 64, 128]:
    layers += [keras.layers.Conv2D(filters, 3), keras.layers.MaxPooling2D(2)]
for layer in layers[:-2]:
    x = layer(x)
    print(f"{layer.__class__.__name__:13} -> {tuple(x.shape)}")
layers[-2](x)  # the fourth 3x3 convolution
# --8<-- [end:wrong]

import pytest

from snippets.arithmetic import conv_output_size, pool_output_size


def valid_sizes(n, blocks):
    sizes = []
    for _ in range(blocks):
        n = conv_output_size(n, 3)
        sizes.append(n)
        n = pool_output_size(n, 2)
        sizes.append(n)
    return sizes


assert valid_sizes(28, 3) == [26, 13, 11, 5, 3, 1]
assert x.shape[1] == 1
# The convolution refuses the 1x1 map (above); a pooling layer called eagerly returns an empty map.
assert keras.layers.MaxPooling2D(2)(x).shape == (1, 0, 0, 64)
with pytest.raises(ValueError, match="zero or negative"):
    conv_output_size(1, 3)  # a 3x3 window does not fit into 1 cell

# --8<-- [start:fix]
import keras

x = keras.ops.zeros([1, 28, 28, 1])
for filters in [16, 32, 64, 128]:
    x = keras.layers.Conv2D(filters, 3, padding="same")(x)
    x = keras.layers.MaxPooling2D(2)(x)
    print(f"after the {filters}-filter block: {tuple(x.shape)}")
# --8<-- [end:fix]

n = 28
for _ in range(4):
    n = pool_output_size(conv_output_size(n, 3, padding="same"), 2)
assert x.shape[1] == n == 1
