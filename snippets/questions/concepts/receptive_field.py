"""Questions on the Receptive field page."""

from snippets.arithmetic import receptive_field
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="receptive-field-two-layers",
        prompt=(
            "Two 3×3 convolutions, the first at stride 2 and the second at stride 1. How many "
            "input cells wide is the receptive field of one output cell?"
        ),
        choices=("5", "6", "7", "9"),
        answer=str(receptive_field([(3, 2, 1), (3, 1, 1)]).size),
        explanation=(
            "The first layer sees 3 cells and sets the jump to 2; the second adds "
            "(3 − 1)·2 = 4 more: 7. With both at stride 1 it would be 5. "
            "[Measure it](concepts/receptive-field.md#measure-with-a-gradient)."
        ),
    ),
]
