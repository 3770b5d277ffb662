"""Pitfall: U-Net skip connections with odd sizes (page: pitfalls/unet-odd-sizes.md)."""

# snippet-raises: ValueError
# --8<-- [start:mismatch]
import keras

skip = keras.random.normal([1, 7, 7, 4], seed=0)  # an encoder feature map of odd size
down = keras.layers.Conv2D(8, 3, strides=2, padding="same")(skip)
up = keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same")(down)
print("skip", tuple(skip.shape), "-> down", tuple(down.shape), "-> up", tuple(up.shape))
keras.layers.Concatenate()([skip, up])
# --8<-- [end:mismatch]

from snippets.arithmetic import conv_output_size, pool_output_size, transposed_output_size

assert conv_output_size(7, 3, 2, "same") == 4
assert transposed_output_size(4, 3, 2, "same") == 8

# --8<-- [start:output_padding_0]
import keras

skip = keras.random.normal([1, 7, 7, 4], seed=0)
down = keras.layers.Conv2D(8, 3, strides=2, padding="same")(skip)
up = keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same", output_padding=0)(down)
merged = keras.layers.Concatenate()([skip, up])
print("up", tuple(up.shape), "-> merged", tuple(merged.shape))
# --8<-- [end:output_padding_0]

assert up.shape[1] == transposed_output_size(4, 3, 2, "same", output_padding=0) == 7
assert merged.shape[1:] == (7, 7, 8)

# --8<-- [start:crop_to_skip]
import keras


def match_skip(up, skip):
    """Crop (or zero-pad) `up` at the bottom/right so its height and width equal `skip`'s."""
    dh, dw = skip.shape[1] - up.shape[1], skip.shape[2] - up.shape[2]
    if dh < 0 or dw < 0:
        up = keras.layers.Cropping2D(((0, max(-dh, 0)), (0, max(-dw, 0))))(up)
    if dh > 0 or dw > 0:
        up = keras.layers.ZeroPadding2D(((0, max(dh, 0)), (0, max(dw, 0))))(up)
    return up


for n in [7, 8]:
    skip = keras.random.normal([1, n, n, 4], seed=0)
    down = keras.layers.MaxPooling2D(2)(skip)  # VALID pooling: 7 -> 3, 8 -> 4
    up = keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same")(down)
    merged = keras.layers.Concatenate()([skip, match_skip(up, skip)])
    print(f"n={n}: down {down.shape[1]}, up {up.shape[1]}, merged {tuple(merged.shape)}")
# --8<-- [end:crop_to_skip]

# After VALID pooling, no output_padding brings 3 back to 7: 0 gives 5, 1 gives 6.
for op, size in [(0, 5), (1, 6)]:
    layer = keras.layers.Conv2DTranspose(4, 3, strides=2, padding="same", output_padding=op)
    assert layer(keras.ops.zeros([1, 3, 3, 4])).shape[1] == size
    assert transposed_output_size(3, 3, 2, "same", op) == size
for n in [7, 8]:
    down_n = pool_output_size(n, 2)
    assert transposed_output_size(down_n, 3, 2, "same") == 2 * down_n
# Both directions: the up path can be larger than the skip (crop) or smaller (pad).
for up_size in [8, 6]:
    matched = match_skip(keras.ops.zeros([1, up_size, up_size, 4]), keras.ops.zeros([1, 7, 7, 4]))
    assert matched.shape[1:3] == (7, 7), up_size

# --8<-- [start:sizes_that_work]
import keras

for n in [256, 358, 360]:
    x = keras.ops.zeros([1, n, n, 1])
    sizes = [n]
    for _ in range(4):  # four 2x2 poolings, as in a U-Net of depth 4
        x = keras.layers.MaxPooling2D(2)(x)
        sizes.append(x.shape[1])
    back = sizes[-1] * 2**4
    print(f"n={n}: {' -> '.join(map(str, sizes))}; four 2x upsamplings give {back}")
# --8<-- [end:sizes_that_work]

for n in [256, 358, 360]:
    m = n
    for _ in range(4):
        m = pool_output_size(m, 2)
    assert (m * 16 == n) is (n % 16 == 0)
