"""Questions on the Stride page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="stride-2-valid-size",
        prompt="A 7×7 input, a 3×3 kernel, stride 2, `padding='valid'`. How big is the output?",
        choices=("2×2", "3×3", "4×4", "3.5×3.5"),
        answer="{0}×{0}".format(conv_output_size(7, 3, 2)),
        explanation=(
            "Windows start at 0, 2 and 4; one more would start at 6 and run past the edge. "
            "[Watch the windows](concepts/stride.md#where-the-windows-start)."
        ),
    ),
    Question(
        id="stride-must-tile",
        prompt=(
            "An 8-wide input, kernel 3, stride 2, VALID: (8 − 3) / 2 is not a whole number. "
            "What does TensorFlow do?"
        ),
        choices=(
            "Raises an error",
            f"Returns {conv_output_size(8, 3, 2)} outputs and never reads the last column",
            "Pads one column automatically",
        ),
        answer=f"Returns {conv_output_size(8, 3, 2)} outputs and never reads the last column",
        explanation=(
            "The formula floors: whatever does not fit a whole stride is dropped. "
            "[Proof: editing the last cell changes nothing]"
            "(concepts/stride.md#leftovers-are-dropped)."
        ),
    ),
]
