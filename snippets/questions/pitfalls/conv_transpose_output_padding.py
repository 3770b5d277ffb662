"""Questions on the Conv2DTranspose and output_padding pitfall page."""

from snippets.arithmetic import transposed_output_size
from snippets.questions import Question

QUESTIONS = [
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
]
