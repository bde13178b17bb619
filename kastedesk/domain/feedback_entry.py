"""Typing in one paper form with the keyboard: the rules, without Qt.

The entry view maps keys to these methods. A digit answers a scale question
(the value itself) or a choice question (the n-th option; yes/no: 1 = yes,
2 or 0 = no) and moves to the next question, so a form of only scale and
choice questions takes one key per answer plus Ctrl+Enter to save. On a
multiple-choice question a digit ticks or unticks the n-th option and stays;
Enter moves on: one key per chosen option and one Enter per such question.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kastedesk.domain.feedback_forms import NO, YES, QuestionKind, QuestionSpec, options_mask


@dataclass
class Answer:
    value: int | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return self.value is None and not self.text.strip()


def digit_value(question: QuestionSpec, digit: int) -> int | None:
    """The answer value a digit key gives for *question*, or None if it means nothing."""
    if question.kind is QuestionKind.SCALE:
        return digit if question.scale_min <= digit <= question.scale_max else None
    if question.has_options:
        return digit if 1 <= digit <= len(question.options) else None
    if question.kind is QuestionKind.YES_NO:
        return {1: YES, 2: NO, 0: NO}.get(digit)
    return None


def key_for(question: QuestionSpec, value: int) -> int:
    """The digit fast entry takes for the answer *value* (printed on paper forms too)."""
    if question.kind is QuestionKind.YES_NO:
        return 1 if value == YES else 2
    return value


@dataclass
class EntryForm:
    """The form being typed: which question is current and what has been answered."""

    questions: list[QuestionSpec]
    current: int = 0
    answers: dict[int, Answer] = field(default_factory=dict)  # question position -> answer

    @property
    def current_question(self) -> QuestionSpec | None:
        return self.questions[self.current] if self.current < len(self.questions) else None

    @property
    def at_end(self) -> bool:
        return self.current >= len(self.questions)

    @property
    def is_empty(self) -> bool:
        return all(a.empty for a in self.answers.values())

    def answer(self, position: int) -> Answer:
        return self.answers.get(position, Answer())

    def press_digit(self, digit: int) -> bool:
        """Answer the current question with *digit* and move on; False if it does not fit."""
        question = self.current_question
        if question is None:
            return False
        value = digit_value(question, digit)
        if value is None:
            return False
        if question.kind is QuestionKind.MULTI:  # tick or untick; Enter moves on
            mask = (self.answer(self.current).value or 0) ^ options_mask([value])
            if mask:
                self.answers[self.current] = Answer(value=mask)
            else:
                self.answers.pop(self.current, None)
            return True
        self.answers[self.current] = Answer(value=value)
        self.next()
        return True

    def set_text(self, text: str) -> None:
        """The free text of the current question (typed straight in)."""
        question = self.current_question
        if question is not None and question.kind is QuestionKind.TEXT:
            self.answers[self.current] = Answer(text=text)

    def clear_current(self) -> None:
        self.answers.pop(self.current, None)

    def next(self) -> None:
        """Move on; a question left unanswered is stored as no answer."""
        self.current = min(self.current + 1, len(self.questions))

    def previous(self) -> None:
        self.current = max(self.current - 1, 0)

    def go_to(self, position: int) -> None:
        self.current = max(0, min(position, len(self.questions)))

    def reset(self) -> None:
        self.current = 0
        self.answers.clear()

    def load(self, answers: dict[int, Answer]) -> None:
        self.reset()
        self.answers.update({p: a for p, a in answers.items() if not a.empty})

    def filled(self) -> dict[int, Answer]:
        """The answers to store: skipped questions are left out."""
        return {p: a for p, a in sorted(self.answers.items()) if not a.empty}

    # --- drafts: plain JSON-able data ------------------------------------------------

    def to_draft(self) -> dict[str, Any]:
        return {
            "current": self.current,
            "answers": {
                str(p): {"value": a.value, "text": a.text} for p, a in self.filled().items()
            },
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        self.reset()
        for key, item in (draft.get("answers") or {}).items():
            position = int(key)
            if 0 <= position < len(self.questions):
                self.answers[position] = Answer(item.get("value"), item.get("text") or "")
        self.go_to(int(draft.get("current") or 0))


def keystroke_budget(questions: list[QuestionSpec], ticked: int = 0) -> int:
    """The most keys a fully answered form without free text may take: one per answer,
    one per ticked option and one Enter per multiple-choice question, one to save."""
    # (questions - multiple choices) digits + ticked digits + an Enter per multiple choice
    return len(questions) + ticked + 1
