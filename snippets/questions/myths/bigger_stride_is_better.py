"""Questions on the A bigger stride is always better myth page."""

from snippets.arithmetic import window_starts
from snippets.questions import Question

_UNREAD = sorted(set(range(16)) - {c for s in window_starts(16, 3, 4) for c in range(s, s + 3)})

QUESTIONS = [
    Question(
        id="myth-stride-skips-columns",
        prompt=(
            "A 3-wide window slides over 16 columns with stride 4 and VALID padding. "
            "Which columns does no window ever read?"
        ),
        choices=(str(_UNREAD), "[15]", "None: every column is read"),
        answer=str(_UNREAD),
        explanation=(
            "Windows start at 0, 4, 8 and 12 and each covers 3 columns, so the column just "
            "before each next start is skipped. "
            "[A line in column 3 vanishes](myths/bigger-stride-is-better.md#the-reality)."
        ),
    ),
]
