"""Render predict-then-check questions into pages.

A page asks a question with a line ``<!-- quiz: question-id -->``; the quiz page gathers every
question with ``<!-- quiz: all -->``. The markers are replaced by HTML that ``quiz.js`` brings to
life; the explanation stays Markdown (``md_in_html``) so its links are validated by the build.
"""

from __future__ import annotations

import html
import posixpath
import re

from snippets.questions import Question, all_questions

MARKER = re.compile(r"^<!-- quiz: (?P<id>[\w-]+) -->[ \t]*$", re.M)
_DOC_LINK = re.compile(r"\]\((?![a-z]+:|#|/)(?P<target>[^)\s#]+\.md)(?P<anchor>#[^)\s]*)?\)")


def relink(markdown: str, page_src: str) -> str:
    """Rewrite links written relative to ``docs/`` so they work from ``page_src``."""
    base = posixpath.dirname(page_src) or "."

    def fix(m: re.Match[str]) -> str:
        return f"]({posixpath.relpath(m['target'], base)}{m['anchor'] or ''})"

    return _DOC_LINK.sub(fix, markdown)


def render(question: Question, page_src: str) -> str:
    """HTML (with Markdown inside) for one question."""
    qid = html.escape(question.id)
    buttons = "\n".join(
        f'<button type="button" class="quiz__choice" '
        f'data-correct="{"true" if choice == question.answer else "false"}">'
        f"{html.escape(choice)}</button>"
        for choice in question.choices
    )
    return f"""
<div class="quiz" data-quiz="{qid}" markdown>
<p class="quiz__label">Predict, then check</p>
<div class="quiz__prompt" id="quiz-{qid}" markdown>
{relink(question.prompt, page_src)}
</div>
<div class="quiz__choices" role="group" aria-labelledby="quiz-{qid}">
{buttons}
</div>
<div class="quiz__feedback" role="status" aria-live="polite" markdown>
<p class="quiz__verdict"></p>
<div class="quiz__explanation" hidden markdown>
{relink(question.explanation, page_src)}
</div>
</div>
</div>
"""


def expand(markdown: str, page_src: str) -> str:
    """Replace every quiz marker of a page; unknown ids are an error."""
    questions = all_questions()

    def replace(m: re.Match[str]) -> str:
        qid = m["id"]
        if qid == "all":
            score = (
                '<p class="quiz-score" role="status" aria-live="polite">'
                f"Answered 0 of {len(questions)}.</p>\n"
            )
            return score + "\n".join(render(q, page_src) for q in questions.values())
        if qid not in questions:
            raise ValueError(f"{page_src}: quiz marker names unknown question {qid!r}")
        return render(questions[qid], page_src)

    return MARKER.sub(replace, markdown)
