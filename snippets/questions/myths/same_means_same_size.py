"""Questions on the SAME means same size myth page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="myth-same-stride-3",
        prompt="A 10×10 input, `padding='same'`, `strides=3`. What size comes out?",
        choices=("10×10", "3×3", "{0}×{0}".format(conv_output_size(10, 3, 3, "same"))),
        answer="{0}×{0}".format(conv_output_size(10, 3, 3, "same")),
        explanation=(
            "SAME gives ceil(n / stride): ceil(10 / 3) = 4. Only at stride 1 is that n. "
            "[Stride by stride](myths/same-means-same-size.md#the-reality)."
        ),
    ),
]
