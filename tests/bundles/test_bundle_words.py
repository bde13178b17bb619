"""Bundles in the user's words: the file name, the export summary, new projects named."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kastedesk import i18n
from kastedesk.services.bundles import preview_import
from kastedesk.services.bundles.exporter import (
    bundle_file_name,
    default_bundle_name,
    export_bundle,
)
from kastedesk.services.bundles.report import export_summary_text
from kastedesk.services.feedback_entry import delete_responses
from kastedesk.services.workshops import list_workshops
from kastedesk.storage.models.meta import Meta
from kastedesk.storage.models.registry import Project
from tests.bundles.conftest import add_registry, add_workshop, type_responses

DAY = dt.date(2026, 11, 29)


def test_file_name_says_which_laptop_and_when_in_the_users_language() -> None:
    assert (
        bundle_file_name("KOORD-LAPTOP", DAY, "fi") == "palaute-KOORD-LAPTOP-29.11.2026.kastebundle"
    )
    assert (
        bundle_file_name("Annas dator", DAY, "sv") == "respons-Annas-dator-29.11.2026.kastebundle"
    )
    assert bundle_file_name('a<b>:"c/d"', DAY, "fi") == "palaute-abcd-29.11.2026.kastebundle"
    assert bundle_file_name("  ", DAY, "fi") == "palaute-29.11.2026.kastebundle"


def test_default_name_uses_this_installations_name(laptop) -> None:
    db = laptop("a")
    with db.session() as session:
        session.add(Meta(key="installation_name", value="Pohjanmaan kone"))
    i18n.set_language("fi")
    try:
        assert default_bundle_name(db, DAY) == "palaute-Pohjanmaan-kone-29.11.2026.kastebundle"
    finally:
        i18n.set_language("en")


def test_summary_counts_responses_and_deletion_markers_apart(laptop, tmp_path: Path) -> None:
    db = laptop("a")
    workshop = add_workshop(db, add_registry(db))
    type_responses(db, workshop, [5, 4, 3, 2])
    with db.read() as session:
        from sqlalchemy import select

        from kastedesk.storage.models.feedback import FeedbackResponse

        first = session.scalars(select(FeedbackResponse.id).order_by(FeedbackResponse.id)).first()
    delete_responses(db, [first])
    summary = export_bundle(db, tmp_path / "x.kastebundle")
    i18n.set_language("fi")
    try:
        assert export_summary_text(summary).endswith(
            "(1 työpaja, 1 palautelomake, 3 vastausta, 1 poistomerkintä)"
        )
        i18n.set_language("sv")
        assert export_summary_text(summary).endswith(
            "(1 workshop, 1 responsblankett, 3 svar, 1 raderingsmarkering)"
        )
    finally:
        i18n.set_language("en")
    assert export_summary_text(summary).startswith("Bundle written: ")


def test_preview_names_new_projects_in_the_ui_language(laptop, tmp_path: Path) -> None:
    a, b = laptop("a"), laptop("b")
    add_workshop(a, add_registry(a))
    with a.session() as session:
        session.get(Project, list_workshops(a)[0].project_id).name_sv = "Tjänster för barn"
    export_bundle(a, tmp_path / "a.kastebundle")
    try:
        i18n.set_language("sv")
        assert preview_import(b, tmp_path / "a.kastebundle").new_projects == ["Tjänster för barn"]
        i18n.set_language("fi")
        assert preview_import(b, tmp_path / "a.kastebundle").new_projects == [
            "Lasten ja perheiden palvelut"
        ]
    finally:
        i18n.set_language("en")
