"""Questions on the Padding page."""

from snippets.arithmetic import conv_output_size, same_padding
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="same-stride-1-size",
        prompt=(
            "A 5×5 input goes through `Conv2D(kernel_size=3, strides=1, padding='same')`. "
            "What is the output's height and width?"
        ),
        choices=("3×3", "5×5", "7×7"),
        answer="{0}×{0}".format(conv_output_size(5, 3, 1, "same")),
        explanation=(
            "At stride 1, SAME adds exactly enough zeros to keep every size, odd or even. "
            "[See it run](concepts/padding.md#valid-and-same)."
        ),
    ),
    Question(
        id="same-split-side",
        prompt=(
            "TensorFlow's SAME padding for n=6, k=3, stride 2 needs one cell of padding in total. "
            "Where does it go? Answer as (before, after)."
        ),
        choices=("(1, 0)", "(0, 1)", "(1, 1)", "(0, 0)"),
        answer=str(same_padding(6, 3, 2)),
        explanation=(
            "When the total is odd, TensorFlow puts the extra cell after the input: at the "
            "bottom and on the right. [The proof](concepts/output-size.md#sames-uneven-split)."
        ),
    ),
]
