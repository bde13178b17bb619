"""The minutes' standard wording of a conflict of interest and of a vote, per language.

Finnish follows the municipal (Kuntaliitto) model minutes: "X ilmoitti olevansa
esteellinen ja poistui kokouksesta asian käsittelyn ajaksi." and "Puheenjohtaja
totesi, että on tehty kaksi toisistaan poikkeavaa ehdotusta ... Äänestyksessä
annettiin 5 jaa-ääntä ja 3 ei-ääntä ... Puheenjohtaja totesi päätökseksi ...";
Swedish the Finland-Swedish equivalents ("X anmälde jäv och avlägsnade sig från
mötet under behandlingen av ärendet.").
"""

from __future__ import annotations

from kastedesk.documents.content import VoteContent
from kastedesk.domain.votes import VoteChoice, winner
from kastedesk.i18n import N_, translator

DISQUALIFIED = N_(
    "{name} declared a conflict of interest and left the meeting while the item was dealt with."
)
VOTE_NEEDED = N_(
    "The chair noted that two differing motions had been made, so the matter had to be "
    "put to a vote."
)
VOTE_MEANING = N_('A yes vote stands for the motion "{yes}" and a no vote for the motion "{no}".')
YES_VOTES = (N_("{count} yes vote"), N_("{count} yes votes"))
NO_VOTES = (N_("{count} no vote"), N_("{count} no votes"))
ABSTAIN_VOTES = (N_("{count} blank vote"), N_("{count} blank votes"))
VOTE_RESULT = N_("In the vote, {yes} and {no} were cast.")
VOTE_RESULT_ABSTAIN = N_("In the vote, {yes}, {no} and {abstain} were cast.")
VOTED_YES = N_("Voted yes: {names}.")
VOTED_NO = N_("Voted no: {names}.")
VOTED_ABSTAIN = N_("Voted blank: {names}.")
TIE = N_("The votes were tied, so the chair's vote decided.")
DECISION = N_('The chair declared the motion "{motion}" the decision.')


def disqualified_sentence(name: str, lang: str) -> str:
    return translator(lang).gettext(DISQUALIFIED).format(name=name)


def vote_paragraphs(vote: VoteContent, lang: str) -> list[str]:
    """The vote in *lang*: the motions, the counts (and names), and the decision."""
    t = translator(lang)
    yes_motion, no_motion = vote.yes_motion.get(lang), vote.no_motion.get(lang)

    def votes(forms: tuple[str, str], count: int) -> str:
        # Finnish and Swedish both take the singular for 1 only (nplurals=2, n != 1).
        return t.gettext(forms[0] if count == 1 else forms[1]).format(count=count)

    opening = " ".join(
        [t.gettext(VOTE_NEEDED), t.gettext(VOTE_MEANING).format(yes=yes_motion, no=no_motion)]
    )
    counts = {"yes": votes(YES_VOTES, vote.yes), "no": votes(NO_VOTES, vote.no)}
    if vote.abstain:
        result = t.gettext(VOTE_RESULT_ABSTAIN).format(
            abstain=votes(ABSTAIN_VOTES, vote.abstain), **counts
        )
    else:
        result = t.gettext(VOTE_RESULT).format(**counts)
    lines = [result]
    for msgid, names in (
        (VOTED_YES, vote.voted_yes),
        (VOTED_NO, vote.voted_no),
        (VOTED_ABSTAIN, vote.voted_abstain),
    ):
        if names:
            lines.append(t.gettext(msgid).format(names=", ".join(names)))
    won = winner(vote.yes, vote.no, vote.tie_winner)
    closing = []
    if vote.yes == vote.no and won is not None:
        closing.append(t.gettext(TIE))
    if won is not None:
        motion = yes_motion if won is VoteChoice.YES else no_motion
        closing.append(t.gettext(DECISION).format(motion=motion))
    return [opening, " ".join(lines), " ".join(closing)] if closing else [opening, " ".join(lines)]
