"""Questions on the The stride must tile the input myth page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="myth-stride-tile",
        prompt="A 10-wide input, kernel 3, stride 4, VALID: (10 − 3) / 4 is not whole. Result?",
        choices=("A ValueError", f"{conv_output_size(10, 3, 4)} outputs", "3 outputs"),
        answer=f"{conv_output_size(10, 3, 4)} outputs",
        explanation=(
            "TensorFlow floors: windows start at 0 and 4, and the last cells are never read. "
            "[More sizes](myths/stride-must-tile.md#the-reality)."
        ),
    ),
]
