"""Questions on the Connections page."""

from snippets.arithmetic import window_starts
from snippets.questions import Question

_STRIPES = [1 if i % 2 == 0 else -1 for i in range(8)]
_SAMPLED = [_STRIPES[s] for s in window_starts(8, 1, 2)]

QUESTIONS = [
    Question(
        id="connections-aliased-stripes",
        prompt=(
            "Stripes `[1, -1, 1, -1, 1, -1, 1, -1]` go through a 1-tap convolution with stride 2. "
            "What comes out?"
        ),
        choices=("[0, 0, 0, 0]", str(_SAMPLED), "[1, -1, 1, -1]"),
        answer=str(_SAMPLED),
        explanation=(
            "Every kept cell is a +1, so the stripes look like a flat image: that is aliasing. "
            "[Blur first to avoid it](connections.md#blur-then-stride)."
        ),
    ),
]
