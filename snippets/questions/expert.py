"""Questions on the Expert zone pages."""

from snippets.arithmetic import conv_output_size
from snippets.questions import Question

_READ_1X1 = (conv_output_size(56, 1, 2) / 56) ** 2
_DILATED_LENGTH = 64
for _d in (1, 2, 4):
    _DILATED_LENGTH = conv_output_size(_DILATED_LENGTH, 3, 1, "same", dilation=_d)

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
    Question(
        id="expert-dilation-resolution",
        prompt=(
            "Strides 2, 2, 1 (3 taps, SAME) let each output see 15 cells and leave 16 outputs of "
            "a 64-cell input. Dilations 1, 2, 4 at stride 1 also reach 15 cells. How many "
            "outputs do they leave?"
        ),
        choices=("16", "32", str(_DILATED_LENGTH)),
        answer=str(_DILATED_LENGTH),
        explanation=(
            "SAME at stride 1 keeps every size, whatever the dilation: the full 64. "
            "[Measured](expert/when-not-to-use.md#large-strides-early)."
        ),
    ),
]
