"""Bundles with 20,000 responses: export, import into an empty database, import again.

Prints seconds and, as a baseline measured in the same run, the time to only
read and check the bundle (unzip, SHA-256, JSON, validation): the floor any
import pays. Issue #7 asks for a few seconds at most for the import and less
for the re-import. Run with ``make bench``.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert, select

from kastedesk.domain.workshops import WorkshopData, WorkshopStatus
from kastedesk.services.bundles import import_bundle, read_bundle
from kastedesk.services.bundles.exporter import export_bundle
from kastedesk.services.feedback_forms import ensure_default_form
from kastedesk.services.workshops import add_module, create_workshop
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.feedback import FeedbackAnswer, FeedbackQuestion, FeedbackResponse
from kastedesk.storage.models.registry import Person, Project
from kastedesk.storage.models.sync_identity import new_uuid, utc_now

N = 20_000
WORKSHOPS = 20


def _fill(db) -> None:
    rng = random.Random(7)
    form_id = ensure_default_form(db)
    with db.session() as s:
        project = Project(name_fi="Bench", short_name="B")
        s.add(project)
        person = Person(first_name="Aino", last_name="Aaltonen")
        s.add(person)
        s.flush()
        module = add_module(s, project.id, "A", "Moduuli A").id
        pid, coordinator = project.id, person.id
    workshops = [
        create_workshop(
            db,
            WorkshopData(
                project_id=pid,
                title=f"Työpaja {n}",
                module_id=module,
                region="06",
                date=dt.date(2014, 10, 2),
                coordinator_id=coordinator,
                attended=N // WORKSHOPS,
                status=WorkshopStatus.HELD,
                form_id=form_id,
            ),
            today=dt.date(2016, 1, 1),
        )
        for n in range(WORKSHOPS)
    ]
    with db.session() as s:
        questions = list(
            s.scalars(
                select(FeedbackQuestion.id)
                .where(FeedbackQuestion.form_id == form_id)
                .order_by(FeedbackQuestion.position)
            )
        )
        now = utc_now()
        rows = [
            {
                "uuid": new_uuid(),
                "origin": "bench",
                "created_at": now,
                "updated_at": now,
                "workshop_id": workshops[i % WORKSHOPS],
                "form_id": form_id,
            }
            for i in range(N)
        ]
        s.execute(insert(FeedbackResponse), rows)
        ids = list(s.scalars(select(FeedbackResponse.id)))
        answers = []
        for rid in ids:
            for q in questions[:3]:
                answers.append({"response_id": rid, "question_id": q, "value": rng.randint(1, 5)})
            answers.append({"response_id": rid, "question_id": questions[3], "value": 2})
            if rng.random() < 0.2:
                answers.append(
                    {"response_id": rid, "question_id": questions[4], "text": "Hyvä päivä"}
                )
        s.execute(insert(FeedbackAnswer), answers)


def _seconds(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="kastedesk-bench-"))
    source = open_database(resolve_url(folder / "source.sqlite"))
    _fill(source)
    path = folder / "bench.kastebundle"
    export_s, _summary = _seconds(lambda: export_bundle(source, path))
    target = open_database(resolve_url(folder / "target.sqlite"))
    read_s, _bundle = _seconds(lambda: read_bundle(path))
    import_s, plan = _seconds(lambda: import_bundle(target, path))
    again_s, again = _seconds(lambda: import_bundle(target, path))
    assert plan.inserted == N + WORKSHOPS + 1, plan.counts
    assert not again.changes_anything
    size_mb = path.stat().st_size / 1e6
    print(f"bundles: {N} responses in {WORKSHOPS} workshops, bundle {size_mb:.1f} MB")
    print(f"  export                {export_s:6.2f} s")
    print(f"  read + check only     {read_s:6.2f} s   (baseline)")
    print(f"  import (empty db)     {import_s:6.2f} s   ({import_s / read_s:.1f}x baseline)")
    print(f"  import again          {again_s:6.2f} s   ({again_s / read_s:.1f}x baseline)")
    source.dispose()
    target.dispose()
    ok = import_s < 5 and again_s < import_s
    if not ok:
        print("  SLOWER THAN ISSUE #7 ASKS", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
