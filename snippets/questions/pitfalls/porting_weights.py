"""Questions on the Porting weights at stride 2 pitfall page."""

from snippets.questions import Question

QUESTIONS = [
    Question(
        id="pitfall-port-fix",
        prompt=(
            "A PyTorch `Conv2d(kernel_size=7, stride=2, padding=3)` is ported to Keras. What "
            "goes in front of `Conv2D(7, strides=2, padding='valid')` to get the same numbers?"
        ),
        choices=(
            "Nothing: use padding='same' instead",
            "ZeroPadding2D(padding=3)",
            "ZeroPadding2D(padding=((2, 3), (2, 3)))",
        ),
        answer="ZeroPadding2D(padding=3)",
        explanation=(
            "PyTorch pads 3 on every side; Keras' SAME would pad (2, 3) at this size. "
            "[Tested both ways](pitfalls/porting-weights.md#the-fix)."
        ),
    ),
]
