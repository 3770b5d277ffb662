"""Questions on the Expert zone page."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

_READ_1X1 = (conv_output_size(56, 1, 2) / 56) ** 2

QUESTIONS = [
    Question(
        id="expert-resnet-stem-padding",
        prompt=(
            "`keras.applications.ResNet50` turns 224×224 into 112×112 with its 7×7, stride-2 "
            "stem. How is that stem padded?"
        ),
        choices=(
            "padding='same', split (2, 3)",
            "ZeroPadding2D(3), then padding='valid'",
            "No padding at all",
        ),
        answer="ZeroPadding2D(3), then padding='valid'",
        explanation=(
            "Keras builds it with explicit symmetric padding: the same size as SAME, but each "
            "window sits one cell further up and left. "
            "[The layers, printed](expert/index.md#resnet-50)."
        ),
    ),
    Question(
        id="expert-one-by-one-stride",
        prompt="A 1×1 convolution with stride 2 reads what share of its input positions?",
        choices=(f"{_READ_1X1:.0%}", "50%", "100%"),
        answer=f"{_READ_1X1:.0%}",
        explanation=(
            "Every second row and every second column: a quarter of the positions. "
            "[Why ResNet-D moves that stride](expert/index.md#a-1x1-convolution-with-stride-2)."
        ),
    ),
]
