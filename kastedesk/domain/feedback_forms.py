"""Feedback form templates: question kinds, validation, the default form, versioning.

A form is an ordered list of questions. Every question and option carries a
Finnish and a Swedish text; a form is shown in either language. Answers are
stored as one small integer per question (scale value, 1-based option number,
yes = 1 / no = 0) or a text, so results can be counted with GROUP BY.

A multiple-choice question (``MULTI``) lets a respondent tick several options;
its answer is stored as one integer too, a bit mask (option n is bit n-1), so
it still fits one row per question and counts are read from the masks.

Versioning: once a form has responses its questions are frozen; saving an edit
makes a new version. Each question has a ``key`` that stays the same across
versions as long as the question still means the same thing (same kind, same
scale range, same number of options), so results can be combined over versions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from kastedesk.domain import text_limits as T
from kastedesk.domain.bilingual import in_language
from kastedesk.i18n import N_, _, translator

MAX_SCALE_POINTS = 10  # one digit key per point: 0–9 or 1–9 (and 1–10 is not typeable)
MAX_OPTIONS = 9  # keys 1–9 pick an option


class QuestionKind(StrEnum):
    SCALE = "scale"
    CHOICE = "choice"
    YES_NO = "yes_no"
    TEXT = "text"
    MULTI = "multi"  # several options may be chosen


QUESTION_KIND_LABELS: dict[QuestionKind, str] = {
    QuestionKind.SCALE: N_("scale"),
    QuestionKind.CHOICE: N_("single choice"),
    QuestionKind.YES_NO: N_("yes/no"),
    QuestionKind.TEXT: N_("free text"),
    QuestionKind.MULTI: N_("multiple choice"),
}

YES = 1
NO = 0
YES_LABEL = N_("yes")
NO_LABEL = N_("no")


@dataclass(frozen=True)
class OptionSpec:
    text_fi: str
    text_sv: str = ""

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)


@dataclass(frozen=True)
class QuestionSpec:
    kind: QuestionKind
    text_fi: str
    text_sv: str = ""
    scale_min: int = 1
    scale_max: int = 5
    min_label_fi: str = ""
    min_label_sv: str = ""
    max_label_fi: str = ""
    max_label_sv: str = ""
    options: tuple[OptionSpec, ...] = ()
    key: str = ""  # stable across versions; made when empty

    def text(self, lang: str) -> str:
        return in_language(self.text_fi, self.text_sv, lang)

    def min_label(self, lang: str) -> str:
        return in_language(self.min_label_fi, self.min_label_sv, lang)

    def max_label(self, lang: str) -> str:
        return in_language(self.max_label_fi, self.max_label_sv, lang)

    @property
    def shape(self) -> tuple[object, ...]:
        """What must stay equal for answers of two versions to be comparable."""
        if self.kind is QuestionKind.SCALE:
            return (self.kind, self.scale_min, self.scale_max)
        if self.kind in (QuestionKind.CHOICE, QuestionKind.MULTI):
            return (self.kind, len(self.options))
        return (self.kind,)

    @property
    def has_options(self) -> bool:
        return self.kind in (QuestionKind.CHOICE, QuestionKind.MULTI)

    def values(self) -> list[int]:
        """The values counted for this question (empty for free text): scale points,
        option numbers (also of a multiple choice, whose stored answer is a mask), yes/no."""
        if self.kind is QuestionKind.SCALE:
            return list(range(self.scale_min, self.scale_max + 1))
        if self.has_options:
            return list(range(1, len(self.options) + 1))
        if self.kind is QuestionKind.YES_NO:
            return [YES, NO]
        return []

    def value_label(self, value: int, lang: str) -> str:
        """How an answer value reads: "3", "2 – realised", an option text, yes or no."""
        if self.has_options and 1 <= value <= len(self.options):
            return self.options[value - 1].text(lang)
        if self.kind is QuestionKind.YES_NO:
            return translator(lang).gettext(YES_LABEL if value == YES else NO_LABEL)
        if self.kind is QuestionKind.SCALE:
            label = {self.scale_min: self.min_label(lang), self.scale_max: self.max_label(lang)}
            extra = label.get(value, "")
            return f"{value} – {extra}" if extra else str(value)
        return str(value)

    def answer_label(self, value: int, lang: str) -> str:
        """How a stored answer reads: a multiple choice's mask as its options, "a; b"."""
        if self.kind is QuestionKind.MULTI:
            return "; ".join(self.value_label(n, lang) for n in chosen_options(value))
        return self.value_label(value, lang)


def chosen_options(mask: int) -> list[int]:
    """The option numbers set in a multiple-choice answer: 0b101 → [1, 3]."""
    return [bit + 1 for bit in range(mask.bit_length()) if mask >> bit & 1]


def options_mask(options: list[int] | set[int]) -> int:
    """The stored answer for chosen option numbers: [1, 3] → 0b101."""
    return sum(1 << (n - 1) for n in set(options))


@dataclass(frozen=True)
class FormSpec:
    name_fi: str
    name_sv: str = ""
    questions: tuple[QuestionSpec, ...] = field(default_factory=tuple)

    def name(self, lang: str) -> str:
        return in_language(self.name_fi, self.name_sv, lang)


def validate_form(spec: FormSpec) -> dict[str, str]:
    """Problems with *spec* as {field: message}; fields are "name" or "q<n>" (1-based)."""
    errors: dict[str, str] = {}
    if not spec.name_fi.strip():
        errors["name"] = _("Give the form a Finnish name.")
    for name in (spec.name_fi, spec.name_sv):
        if problem := T.text_problem(name, T.NAME):
            errors["name"] = problem
    if not spec.questions:
        errors["questions"] = _("A form needs at least one question.")
    for number, q in enumerate(spec.questions, start=1):
        message = _question_problem(q)
        if message:
            errors[f"q{number}"] = _("Question {number}: {problem}").format(
                number=number, problem=message
            )
    keys = [q.key for q in spec.questions if q.key]
    if len(keys) != len(set(keys)):
        errors["questions"] = _("Two questions have the same key.")
    return errors


def _question_problem(q: QuestionSpec) -> str:
    if not q.text_fi.strip():
        return _("the Finnish text is missing.")
    texts = [
        (q.text_fi, T.QUESTION_TEXT, True),
        (q.text_sv, T.QUESTION_TEXT, True),
        *(
            (label, T.SCALE_LABEL, False)
            for label in (q.min_label_fi, q.min_label_sv, q.max_label_fi, q.max_label_sv)
        ),
        *((text, T.NAME, False) for o in q.options for text in (o.text_fi, o.text_sv)),
    ]
    for text, limit, multi_line in texts:
        if problem := T.text_problem(text, limit, multi_line):
            return problem
    if q.kind is QuestionKind.SCALE and not 0 <= q.scale_min < q.scale_max <= 9:
        return _("a scale runs from a smaller to a larger number between 0 and 9.")
    if q.has_options:
        if not 2 <= len(q.options) <= MAX_OPTIONS:
            return _("a choice needs 2 to {max} options.").format(max=MAX_OPTIONS)
        if any(not o.text_fi.strip() for o in q.options):
            return _("every option needs a Finnish text.")
    return ""


def new_key() -> str:
    return uuid.uuid4().hex[:12]


def with_keys(spec: FormSpec, previous: FormSpec | None = None) -> FormSpec:
    """*spec* with every question keyed for the next version after *previous*.

    A question keeps its key when the previous version has a question with that
    key and the same shape; otherwise (new, or its kind/range/options changed)
    it gets a fresh key, so incomparable answers are never counted together.
    """
    old_shapes = {q.key: q.shape for q in previous.questions} if previous else {}
    questions = []
    for q in spec.questions:
        keep = bool(q.key) and (previous is None or old_shapes.get(q.key) == q.shape)
        questions.append(q if keep else replace(q, key=new_key()))
    return replace(spec, questions=tuple(questions))


def needs_new_version(response_count: int) -> bool:
    """Editing a form that has responses makes a new version; otherwise edit in place."""
    return response_count > 0


def check_answer(question: QuestionSpec, value: int | None, text: str | None) -> bool:
    """Whether (value, text) is an acceptable answer; None/empty means skipped."""
    if question.kind is QuestionKind.TEXT:
        return value is None
    if text:
        return False
    if question.kind is QuestionKind.MULTI:
        return value is None or 1 <= value < 1 << len(question.options)
    return value is None or value in question.values()


# --- the default template --------------------------------------------------------------

BACKGROUND_OPTIONS = (
    OptionSpec("sosiaalityöntekijä", "socialarbetare"),
    OptionSpec("sosiaaliohjaaja", "socialhandledare"),
    OptionSpec("kokemusasiantuntija", "erfarenhetsexpert"),
    OptionSpec("muu", "annan"),
)


def default_form() -> FormSpec:
    """The seeds' workshop questions as 1–5 scales, a grade, background and comments."""
    scale_ends: dict[str, Any] = {
        "min_label_fi": "ei lainkaan",
        "min_label_sv": "inte alls",
        "max_label_fi": "täysin",
        "max_label_sv": "helt",
    }
    return FormSpec(
        name_fi="Työpajan palaute",
        name_sv="Respons på workshoppen",
        questions=(
            QuestionSpec(
                QuestionKind.SCALE,
                "Vastasiko työpajan sisältö niitä odotuksia, joita sinulla oli?",
                "Motsvarade workshoppens innehåll de förväntningar du hade?",
                key="expectations",
                **scale_ends,
            ),
            QuestionSpec(
                QuestionKind.SCALE,
                "Saitko työpajasta uusia ajatuksia / ideoita tai hyödynnettävää omaan työhösi?",
                "Fick du nya tankar / idéer eller något användbart för ditt eget arbete?",
                key="new_ideas",
                **scale_ends,
            ),
            QuestionSpec(
                QuestionKind.SCALE,
                "Kokonaisarvosana työpajalle",
                "Helhetsvitsord för workshoppen",
                min_label_fi="heikko",
                min_label_sv="svag",
                max_label_fi="erinomainen",
                max_label_sv="utmärkt",
                key="grade",
            ),
            QuestionSpec(
                QuestionKind.CHOICE,
                "Taustasi",
                "Din bakgrund",
                options=BACKGROUND_OPTIONS,
                key="background",
            ),
            QuestionSpec(
                QuestionKind.TEXT,
                "Avoimet kommentit",
                "Öppna kommentarer",
                key="comments",
            ),
        ),
    )


def evaluation_scale_question(text_fi: str, text_sv: str) -> QuestionSpec:
    """The seeds' evaluation scale: 1 = not realised, 2 = realised, 3 = realised well."""
    return QuestionSpec(
        QuestionKind.SCALE,
        text_fi,
        text_sv,
        scale_min=1,
        scale_max=3,
        min_label_fi="ei toteutunut",
        min_label_sv="inte förverkligat",
        max_label_fi="toteutunut hyvin",
        max_label_sv="väl förverkligat",
    )
