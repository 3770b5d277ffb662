"""Questions on the SAME can be off by one myth page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="myth-same-even-kernel",
        prompt="`Conv2D(kernel_size=4, strides=1, padding='same')` on a 7×7 input gives…",
        choices=("6×6", "7×7", "8×8"),
        answer="{0}×{0}".format(conv_output_size(7, 4, 1, "same")),
        explanation=(
            "At stride 1 SAME keeps the size exactly, for even kernels and odd inputs too; only "
            "the split of the padding is uneven. "
            "[The full grid](myths/same-off-by-one.md#the-reality)."
        ),
    ),
]
