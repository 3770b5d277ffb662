"""Questions on the Stride only affects speed myth page."""

from snippets.arithmetic import receptive_field
from snippets.questions import Question

_THREE_LAYERS = receptive_field([(3, 2, 1), (3, 2, 1), (3, 1, 1)]).size

QUESTIONS = [
    Question(
        id="myth-stride-receptive-field",
        prompt=(
            "Three 3-tap convolutions with strides 2, 2 and 1. How many input cells can change "
            "one output of the last one?"
        ),
        choices=("7", "9", str(_THREE_LAYERS), "27"),
        answer=str(_THREE_LAYERS),
        explanation=(
            "Each stride multiplies the spacing the next layer's taps land on: 1 + 2 + 4 + 8 = "
            f"{_THREE_LAYERS}. With stride 1 everywhere it would be 7. "
            "[Measured with a gradient](myths/stride-only-affects-speed.md#the-reality)."
        ),
    ),
]
