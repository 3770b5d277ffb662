"""Questions on the Output size zero or negative pitfall page."""

from snippets.arithmetic import conv_output_size, pool_output_size
from snippets.questions import Question


def _valid_blocks(n: int, blocks: int) -> int:
    """Size after `blocks` rounds of a 3x3 VALID convolution and a 2x2 pooling."""
    for _ in range(blocks):
        n = pool_output_size(conv_output_size(n, 3), 2)
    return n


QUESTIONS = [
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
]
