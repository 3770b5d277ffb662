"""Questions on the Beyond zeros page."""

from snippets.arithmetic import conv_output_size, effective_kernel_size
from snippets.questions import Question

# REFLECT mirrors without repeating the edge cell, so a row of n cells can lend at most n - 1.
_ROW = 4

QUESTIONS = [
    Question(
        id="reflect-limit",
        prompt=(
            f"What is the largest padding `tf.pad(row, [[p, p]], mode='REFLECT')` accepts for a "
            f"row of {_ROW} cells?"
        ),
        choices=tuple(str(p) for p in range(_ROW - 2, _ROW + 2)),
        answer=str(_ROW - 1),
        explanation=(
            "REFLECT skips the edge cell, so only n − 1 cells are left to mirror; SYMMETRIC "
            "includes the edge and allows n. "
            "[See the error](concepts/beyond-zeros.md#mirror-limits)."
        ),
    ),
    Question(
        id="dilated-valid-size",
        prompt=(
            "A 9×9 input, a 3×3 kernel with `dilation_rate=3`, stride 1, `padding='valid'`. "
            "What is the output size?"
        ),
        choices=("7×7", "5×5", "3×3", "1×1"),
        answer="{0}×{0}".format(conv_output_size(9, 3, 1, "valid", 3)),
        explanation=(
            f"The effective kernel spans (3 − 1)·3 + 1 = {effective_kernel_size(3, 3)} cells, "
            "so 9 − 7 + 1 = 3 windows fit. "
            "[See the sizes](concepts/beyond-zeros.md#dilation)."
        ),
    ),
]
