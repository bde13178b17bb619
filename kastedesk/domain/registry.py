"""Projects, groups and their people: roles, group kinds and quorum rules."""

from __future__ import annotations

from enum import StrEnum

from kastedesk.i18n import N_


class Role(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    DEPUTY = "deputy"  # the personal deputy of one named member
    SECRETARY = "secretary"
    PRESENTER = "presenter"
    EXPERT = "expert"
    FOR_INFORMATION = "for_information"  # receives documents only


# Roles whose holders vote and count for quorum in their own right.
VOTING_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER})
# Roles of which a group has at most one active holder at a time.
SINGLE_HOLDER_ROLES = frozenset({Role.CHAIR, Role.VICE_CHAIR})
# Roles invited to meetings (for-information recipients only get the documents).
INVITED_ROLES = frozenset(Role) - {Role.FOR_INFORMATION}

ROLE_LABELS: dict[Role, str] = {
    Role.CHAIR: N_("chair"),
    Role.VICE_CHAIR: N_("vice-chair"),
    Role.MEMBER: N_("member"),
    Role.DEPUTY: N_("personal deputy"),
    Role.SECRETARY: N_("secretary"),
    Role.PRESENTER: N_("presenter"),
    Role.EXPERT: N_("expert"),
    Role.FOR_INFORMATION: N_("for information"),
}


def is_voting(role: Role) -> bool:
    """Votes in its own right; a deputy votes only when standing in (see quorum)."""
    return role in VOTING_ROLES


class GroupKind(StrEnum):
    STEERING = "steering"
    DEVELOPMENT = "development"
    REGIONAL_MANAGEMENT = "regional_management"
    OTHER = "other"


GROUP_KIND_LABELS: dict[GroupKind, str] = {
    GroupKind.STEERING: N_("steering group"),
    GroupKind.DEVELOPMENT: N_("development group"),
    GroupKind.REGIONAL_MANAGEMENT: N_("regional management group"),
    GroupKind.OTHER: N_("other group"),
}


class QuorumRule(StrEnum):
    FIXED = "fixed"  # at least ``quorum_min`` voting members present
    MAJORITY = "majority"  # more than half of the voting members present


class MinutesStyle(StrEnum):
    FORMAL = "formal"  # pöytäkirja / protokoll: checkers and signatures
    MEMO = "memo"  # muistio / minnesanteckningar


class DocLanguages(StrEnum):
    FI = "fi"
    SV = "sv"
    FI_SV = "fi+sv"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(self.value.split("+"))

    def shown_in(self, lang: str) -> str:
        """*lang* when documents are written in it, else their first language: a meeting
        of a Finnish-only group keeps its Finnish name in the Swedish interface."""
        codes = self.codes
        return lang if lang in codes else codes[0]


# A document's language(s), e.g. for a group or a meeting.
DOC_LANGUAGE_LABELS: dict[DocLanguages, str] = {
    DocLanguages.FI: N_("Finnish"),
    DocLanguages.SV: N_("Swedish"),
    DocLanguages.FI_SV: N_("Finnish and Swedish"),
}
LANGUAGE_CODES = ("fi", "sv")
# A person's preferred language; the member export writes it and the import reads it back.
LANGUAGE_LABELS: dict[str, str] = {"fi": N_("Finnish"), "sv": N_("Swedish")}
DEFAULT_AGENDA_LEAD_DAYS = 14
DEFAULT_ATTACHMENTS_LEAD_DAYS = 7
