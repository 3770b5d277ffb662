"""Questions on the Stride and feature extraction page."""

from snippets.arithmetic import conv_output_size, window_starts
from snippets.questions import Question

# Output cells at stride 1 over output cells at stride 2, for the page's 224x224 SAME layer.
_RATIO = (conv_output_size(224, 7, 1, "same") // conv_output_size(224, 7, 2, "same")) ** 2

QUESTIONS = [
    Question(
        id="stride-mac-ratio",
        prompt=(
            "A `Conv2D(64, 7, padding='same')` on a 224×224×3 image goes from stride 1 to "
            "stride 2. What happens to its multiply-accumulates and to its parameter count?"
        ),
        choices=(
            "MACs halve; parameters halve",
            f"MACs fall {_RATIO}×; parameters unchanged",
            f"MACs fall {_RATIO}×; parameters fall {_RATIO}×",
            "Both unchanged: the same kernel slides over the same image",
        ),
        answer=f"MACs fall {_RATIO}×; parameters unchanged",
        explanation=(
            "The output goes from 224×224 to 112×112 cells, a quarter as many dot products, "
            "while the kernel's weights stay exactly the same. "
            "[See the counts](concepts/stride-tradeoffs.md#compute)."
        ),
    ),
    Question(
        id="stride-skipped-cell",
        prompt=(
            "A 9-cell signal is zero except for a 1 at index 3. It goes through a kernel of "
            "ones with stride 2 and VALID padding. With a kernel of width 1, what is the sum "
            "of the output?"
        ),
        choices=("0", "1", "2"),
        # A width-1 window reads only the cell it starts at.
        answer=str(int(3 in window_starts(9, 1, 2))),
        explanation=(
            "Windows of width 1 start at 0, 2, 4, 6 and 8: index 3 falls in a gap and no window "
            "reads it. [See it run](concepts/stride-tradeoffs.md#skipped-cells)."
        ),
    ),
]
