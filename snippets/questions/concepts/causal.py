"""Questions on the Causal padding page."""

from snippets.arithmetic import padding_amounts
from snippets.questions import Question

QUESTIONS = [
    Question(
        id="causal-left-pad",
        prompt=(
            "`Conv1D(kernel_size=3, dilation_rate=2, padding='causal')` on a 10-step sequence. "
            "How many zeros are added, as (before, after)?"
        ),
        choices=("(1, 1)", "(2, 2)", "(4, 0)", "(2, 0)"),
        answer=str(padding_amounts(10, 3, 1, "causal", dilation=2)),
        explanation=(
            "Causal padding puts d·(k − 1) = 2·2 = 4 zeros before the sequence and none after, "
            "so the last tap of each window lands on its own step. "
            "[See it written out](concepts/causal.md#left-padding)."
        ),
    ),
]
