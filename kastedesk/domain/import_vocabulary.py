# ruff: noqa: E501  (one field or role per line reads best)
"""Words that people put in spreadsheet headers and cells, in Finnish, Swedish and English.

Used to map the columns of an imported member list and to read its role and
language cells. Keys are compared case-insensitively after trimming punctuation.
"""

from __future__ import annotations

from dataclasses import dataclass

from kastedesk.domain.registry import Role
from kastedesk.i18n import N_


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str  # N_: translate when shown
    aliases: tuple[str, ...]


FIELDS: tuple[ImportField, ...] = (
    ImportField("first_name", N_("First name"), ("etunimi", "etunimet", "förnamn", "first name", "firstname", "given name")),
    ImportField("last_name", N_("Last name"), ("sukunimi", "efternamn", "släktnamn", "last name", "lastname", "surname", "family name")),
    ImportField("title", N_("Job title"), ("titteli", "nimike", "tehtävänimike", "ammattinimike", "virkanimike", "titel", "befattning", "title", "job title")),
    ImportField("organisation", N_("Organisation"), ("organisaatio", "taho", "työnantaja", "edustaa", "organisation", "organization", "arbetsgivare", "employer")),
    ImportField("municipality", N_("Municipality"), ("kunta", "kotikunta", "paikkakunta", "kommun", "hemkommun", "ort", "municipality", "town", "city")),
    ImportField("region", N_("Region"), ("maakunta", "alue", "landskap", "region")),
    ImportField("email", N_("Email"), ("sähköposti", "sähköpostiosoite", "sposti", "email", "e-mail", "e-post", "e-postadress", "mail")),
    ImportField("phone", N_("Phone"), ("puhelin", "puhelinnumero", "puh", "matkapuhelin", "gsm", "telefon", "telefonnummer", "mobil", "phone", "telephone", "mobile")),
    ImportField("language", N_("Language"), ("kieli", "asiointikieli", "äidinkieli", "språk", "modersmål", "language")),
    ImportField("role", N_("Role"), ("rooli", "tehtävä", "asema", "roll", "uppdrag", "role", "position")),
    ImportField("deputy_of", N_("Deputy of"), ("varajäsen kenelle", "henkilökohtainen varajäsen", "kenen varajäsen", "varsinainen jäsen", "suppleant för", "ordinarie ledamot", "deputy of", "deputy for")),
    ImportField("start_date", N_("Start date"), ("alkaa", "alkupäivä", "alkaen", "kausi alkaa", "börjar", "från", "startdatum", "start", "start date")),
    ImportField("end_date", N_("End date"), ("päättyy", "loppupäivä", "asti", "kausi päättyy", "slutar", "till", "slutdatum", "end", "end date")),
)  # fmt: skip
FIELD_BY_KEY = {f.key: f for f in FIELDS}

ROLE_WORDS: dict[str, Role] = {}
for _role, _words in {
    Role.CHAIR: ("puheenjohtaja", "pj", "ordförande", "ordf", "chair", "chairperson"),
    Role.VICE_CHAIR: ("varapuheenjohtaja", "varapj", "vpj", "vice ordförande", "viceordförande", "vice-chair", "vice chair"),
    Role.MEMBER: ("jäsen", "varsinainen jäsen", "medlem", "ledamot", "ordinarie ledamot", "member", ""),
    Role.DEPUTY: ("varajäsen", "henkilökohtainen varajäsen", "suppleant", "personlig suppleant", "ersättare", "personlig ersättare", "deputy", "personal deputy"),
    Role.SECRETARY: ("sihteeri", "sekreterare", "secretary"),
    Role.PRESENTER: ("esittelijä", "föredragande", "presenter"),
    Role.EXPERT: ("asiantuntija", "pysyvä asiantuntija", "sakkunnig", "expert"),
    Role.FOR_INFORMATION: ("tiedoksi", "för kännedom", "för information", "for information"),
}.items():  # fmt: skip
    for _word in _words:
        ROLE_WORDS[_word] = _role

LANGUAGE_WORDS = {
    "": "fi", "fi": "fi", "suomi": "fi", "finska": "fi", "finnish": "fi", "fin": "fi",
    "sv": "sv", "ruotsi": "sv", "svenska": "sv", "swedish": "sv", "swe": "sv", "se": "sv",
}  # fmt: skip
