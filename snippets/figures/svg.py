"""A tiny SVG writer whose output is byte-for-byte reproducible and follows the page's palette.

Colours are written as ``light-dark(light, dark)`` after a plain light fallback. In an ``<img>``
the figure's root asks for ``color-scheme: light dark``, and browsers resolve it from the
embedding page's ``color-scheme`` (Material's slate palette sets ``dark``); inlined into the page
(the animations are), it inherits the page's scheme directly. Class names carry an ``f-`` prefix
because an inlined figure's stylesheet applies to the whole page.
"""

from __future__ import annotations

from html import escape

PITCH = 24
"""Distance in px between neighbouring grid cells."""
CELL = 22
"""Side of one drawn cell in px (the gap shows the grid)."""
SCALE = 1.25
"""Display size over drawing size: 12 px text is drawn at 15 px, the size of the page's text."""
FONT = 'system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif'

# (light, dark): every text colour keeps >= 4.5:1 against the palette's background and against
# the fills it sits on; fills and strokes keep >= 3:1 against the page background.
COLOURS = {
    "ink": ("#1f2328", "#e6edf3"),
    "muted": ("#57606a", "#9da7b3"),
    "input": ("#a8cbee", "#2a5587"),
    "output": ("#a6e3c7", "#22634d"),
    "accent": ("#c2410c", "#fdba74"),
    "accent-fill": ("#c2410c40", "#fdba7440"),
    "off": ("#e4e7eb", "#3a3f4a"),
    "hot": ("#f6c177", "#8a5a12"),
}


def _colour(prop: str, name: str) -> str:
    light, dark = COLOURS[name]
    return f"{prop}:{light};{prop}:light-dark({light},{dark})"


THEME_CSS = (
    "svg:root{color-scheme:light dark}"
    f".f-t{{font:12px {FONT};{_colour('fill', 'ink')}}}"
    ".f-b{font-weight:700}"
    ".f-s{font-size:10px}"
    f".f-m{{{_colour('fill', 'muted')}}}"
    f".f-in{{{_colour('fill', 'input')};{_colour('stroke', 'ink')}}}"
    f".f-out{{{_colour('fill', 'output')};{_colour('stroke', 'ink')}}}"
    f".f-off{{{_colour('fill', 'off')};{_colour('stroke', 'muted')}}}"
    f".f-hot{{{_colour('fill', 'hot')};{_colour('stroke', 'ink')}}}"
    f".f-pad,.f-gap{{fill:none;{_colour('stroke', 'muted')};stroke-dasharray:3 2}}"
    f".f-win{{{_colour('fill', 'accent-fill')};{_colour('stroke', 'accent')};stroke-width:2.5}}"
    f".f-ln{{fill:none;{_colour('stroke', 'ink')};stroke-width:1.5}}"
    f".f-acc{{fill:none;{_colour('stroke', 'accent')};stroke-width:2}}"
    f".f-acct{{{_colour('fill', 'accent')}}}"
    f".f-edge{{fill:none;{_colour('stroke', 'accent')};stroke-width:2;stroke-dasharray:5 3}}"
)


def text_width(content: str, size: float = 12) -> float:
    """A generous estimate of the width of a line of text, for sizing a figure around it."""
    return len(content) * size * 0.6


def num(value: float) -> str:
    """A coordinate written the same way on every machine: at most two decimals, no ``-0``."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class Svg:
    """An SVG document built element by element."""

    def __init__(self, width: float, height: float, title: str, css: str = "") -> None:
        self.width = width
        self.height = height
        self.title = title
        self.css = css
        self.parts: list[str] = []

    def add(self, markup: str) -> None:
        """Append raw markup (already escaped)."""
        self.parts.append(markup)

    def rect(self, x: float, y: float, w: float, h: float, cls: str, extra: str = "") -> None:
        """A rectangle with a theme class."""
        self.add(
            f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
            f'class="{cls}"{extra}/>'
        )

    def cell(self, col: float, row: float, cls: str, x0: float = 0, y0: float = 0) -> None:
        """One grid cell at column ``col`` and row ``row`` of a grid whose corner is (x0, y0)."""
        self.rect(x0 + col * PITCH + 1, y0 + row * PITCH + 1, CELL, CELL, cls)

    def text(
        self, x: float, y: float, content: str, cls: str = "f-t", anchor: str = "middle"
    ) -> None:
        """Text anchored at (x, y): ``anchor`` is start, middle or end."""
        self.add(
            f'<text x="{num(x)}" y="{num(y)}" class="{cls}" text-anchor="{anchor}">'
            f"{escape(content, quote=False)}</text>"
        )

    def line(self, x1: float, y1: float, x2: float, y2: float, cls: str = "f-ln") -> None:
        """A straight line."""
        self.add(
            f'<line x1="{num(x1)}" y1="{num(y1)}" x2="{num(x2)}" y2="{num(y2)}" class="{cls}"/>'
        )

    def bracket(self, x1: float, x2: float, y: float, cls: str = "f-acc", tick: float = 5) -> None:
        """A horizontal bracket from x1 to x2 at height y, ticks pointing up."""
        self.add(
            f'<path d="M{num(x1)} {num(y - tick)}V{num(y)}H{num(x2)}V{num(y - tick)}" '
            f'class="{cls}"/>'
        )

    def to_bytes(self) -> bytes:
        """The finished document, UTF-8, ending with a newline."""
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{num(self.width * SCALE)}" '
            f'height="{num(self.height * SCALE)}" '
            f'viewBox="0 0 {num(self.width)} {num(self.height)}">'
            f"<title>{escape(self.title, quote=False)}</title>"
            f"<style>{THEME_CSS}{self.css}</style>"
        )
        return (head + "".join(self.parts) + "</svg>\n").encode("utf-8")
