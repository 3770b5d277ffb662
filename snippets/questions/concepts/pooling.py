"""Questions on the Pooling page."""

from snippets.arithmetic import pool_output_size, window_starts
from snippets.questions import Question

# 1..25 in a 5x5 grid: the last SAME window starts at this row/column and reads what is left.
_LAST = window_starts(5, 2, 2, "same")[-1]
_CORNER = 25 / (5 - _LAST) ** 2

QUESTIONS = [
    Question(
        id="pool-same-default-stride",
        prompt=(
            "`MaxPooling2D(pool_size=2, padding='same')`, strides left at their default, "
            "on a 7×7 input. What size comes out?"
        ),
        choices=("7×7", "6×6", "4×4", "3×3"),
        answer="{0}×{0}".format(pool_output_size(7, 2, padding="same")),
        explanation=(
            "Pooling strides default to the pool size, so this is stride 2, and SAME gives "
            "⌈7 / 2⌉ = 4. [See the defaults](concepts/pooling.md#default-strides)."
        ),
    ),
    Question(
        id="avg-pool-corner",
        prompt=(
            "A 5×5 input holding 1 to 25 row by row goes through "
            "`AveragePooling2D(pool_size=2, padding='same')`. What is the bottom-right output?"
        ),
        choices=("6.25", "12.5", "25.0", "19.0"),
        answer=str(_CORNER),
        explanation=(
            "That window covers one real cell (25) and three padded ones, and Keras divides by "
            "the real cells only: 25 / 1. PyTorch's default would give 25 / 4. "
            "[See both](concepts/pooling.md#average-pooling-divisor), "
            "[and PyTorch run](porting/pytorch-to-tf.md#count-include-pad)."
        ),
    ),
]
