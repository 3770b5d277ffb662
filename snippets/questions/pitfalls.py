"""Questions on the Pitfalls pages."""

from snippets.arithmetic import conv_output_size, pool_output_size, transposed_output_size
from snippets.questions import Question


def _valid_blocks(n: int, blocks: int) -> int:
    """Size after `blocks` rounds of a 3x3 VALID convolution and a 2x2 pooling."""
    for _ in range(blocks):
        n = pool_output_size(conv_output_size(n, 3), 2)
    return n


_POOLED_BACK = transposed_output_size(pool_output_size(7, 2), 3, 2, "same")

QUESTIONS = [
    Question(
        id="pitfall-unet-pool-transpose",
        prompt=(
            "A 7×7 skip goes through `MaxPooling2D(2)` and comes back through "
            "`Conv2DTranspose(3, strides=2, padding='same')`. What size comes back?"
        ),
        choices=("7×7", "8×8", f"{_POOLED_BACK}×{_POOLED_BACK}"),
        answer=f"{_POOLED_BACK}×{_POOLED_BACK}",
        explanation=(
            "VALID pooling floors 7 to 3, and 3 × 2 = 6: one short of the skip. No "
            "`output_padding` helps: 0 gives 5 and 1 gives 6. "
            "[Crop or pad instead](pitfalls/unet-odd-sizes.md#fix-2-crop-or-pad-to-the-skip)."
        ),
    ),
    Question(
        id="pitfall-valid-blocks",
        prompt=(
            "A 28×28 input goes through three blocks of `Conv2D(3)` (VALID) and "
            "`MaxPooling2D(2)`. How big is the map after the third block?"
        ),
        choices=("7×7", "3×3", "{0}×{0}".format(_valid_blocks(28, 3))),
        answer="{0}×{0}".format(_valid_blocks(28, 3)),
        explanation=(
            "26, 13, 11, 5, 3, 1: each VALID 3×3 takes 2, each pooling halves and floors. A "
            "fourth 3×3 convolution has nowhere to fit. "
            "[Layer by layer](pitfalls/output-size-zero-or-negative.md#the-wrong-code)."
        ),
    ),
    Question(
        id="pitfall-pool-default-stride",
        prompt="`MaxPooling2D(pool_size=2, strides=1)` on an 8×8 input. Output?",
        choices=("4×4", "{0}×{0}".format(pool_output_size(8, 2, 1)), "8×8"),
        answer="{0}×{0}".format(pool_output_size(8, 2, 1)),
        explanation=(
            "With `strides=1` the windows overlap and VALID drops one: 8 − 2 + 1 = 7. Without "
            "`strides`, Keras uses the pool size and you get 4×4. "
            "[All the defaults](pitfalls/pooling-default-strides.md#the-defaults)."
        ),
    ),
    Question(
        id="pitfall-transpose-valid-default",
        prompt=(
            "`Conv2DTranspose(1, kernel_size=3, strides=2, padding='valid')` on a 4×4 input, "
            "`output_padding` left at None. Output size?"
        ),
        choices=("8×8", "{0}×{0}".format(transposed_output_size(4, 3, 2, "valid")), "10×10"),
        answer="{0}×{0}".format(transposed_output_size(4, 3, 2, "valid")),
        explanation=(
            "VALID: (n − 1) × stride + kernel = 3 × 2 + 3. "
            "[The whole table](pitfalls/conv-transpose-output-padding.md#none-0-and-1)."
        ),
    ),
    Question(
        id="pitfall-port-fix",
        prompt=(
            "A PyTorch `Conv2d(kernel_size=7, stride=2, padding=3)` is ported to Keras. What "
            "goes in front of `Conv2D(7, strides=2, padding='valid')` to get the same numbers?"
        ),
        choices=(
            "Nothing: use padding='same' instead",
            "ZeroPadding2D(padding=3)",
            "ZeroPadding2D(padding=((2, 3), (2, 3)))",
        ),
        answer="ZeroPadding2D(padding=3)",
        explanation=(
            "PyTorch pads 3 on every side; Keras' SAME would pad (2, 3) at this size. "
            "[Tested both ways](pitfalls/porting-weights.md#the-fix)."
        ),
    ),
]
