"""Responses against participants: more typed forms than people present is a warning.

A workshop with more responses than participants (attended) has forms typed
twice or a wrong attendance count; the workshops list, the results and the
bundle import report flag it in the same words.
"""

from __future__ import annotations

from kastedesk.formatting import format_count
from kastedesk.i18n import _, ngettext


def too_many_responses(responses: int, attended: int | None) -> bool:
    """More responses than participants (unknown attendance is never flagged)."""
    return attended is not None and responses > attended


def responses_text(responses: int) -> str:
    return ngettext("{n} response", "{n} responses", responses).format(n=format_count(responses))


def participants_text(attended: int) -> str:
    return ngettext("{n} participant", "{n} participants", attended).format(
        n=format_count(attended)
    )


def responses_for_participants(responses: int, attended: int | None) -> str:
    """ "16 responses, 15 participants" (or only the responses when attendance is unknown)."""
    if attended is None:
        return responses_text(responses)
    return _("{responses}, {participants}").format(
        responses=responses_text(responses), participants=participants_text(attended)
    )


def over_participants_warning(responses: int, attended: int | None) -> str:
    """The warning for a flagged workshop, empty when all is well."""
    if not too_many_responses(responses, attended):
        return ""
    return _("More responses than participants: {counts}").format(
        counts=responses_for_participants(responses, attended)
    )
