"""Feedback summary over 50,000 responses: aggregated in SQL against a Python loop.

The baseline reads every answer row and counts in Python, which is what
"aggregate in SQL" avoids. Medians in milliseconds. Run with ``make bench``.
"""

from __future__ import annotations

import random
import tempfile
from collections import Counter
from pathlib import Path

from sqlalchemy import func, insert, select
from timing import median_ms  # bench/timing.py

from kastedesk.services.demo import load_demo
from kastedesk.services.feedback_entry import question_ids_of
from kastedesk.services.feedback_results import ResultFilter, summarize
from kastedesk.storage.database import resolve_url
from kastedesk.storage.migrate import open_database
from kastedesk.storage.models.feedback import (
    FeedbackAnswer,
    FeedbackQuestion,
    FeedbackResponse,
)
from kastedesk.storage.models.sync_identity import utc_now
from kastedesk.storage.models.workshops import Workshop

N = 50_000
REPEAT = 5


def main() -> int:
    db = open_database(resolve_url(Path(tempfile.mkdtemp(prefix="kastedesk-bench-")) / "f.sqlite"))
    load_demo(db)
    rng = random.Random(1)
    with db.session() as s:
        workshops = s.execute(
            select(Workshop.id, Workshop.form_id).where(Workshop.form_id.is_not(None))
        ).all()
        form_id = workshops[0][1]
        qids = question_ids_of(s, form_id)[:4]
        first = (s.scalar(select(func.max(FeedbackResponse.id))) or 0) + 1
        now = utc_now()
        s.execute(
            insert(FeedbackResponse),
            [
                {"id": first + n, "uuid": f"00000000-0000-4000-8000-{n:012d}", "origin": "bench",
                 "created_at": now, "updated_at": now,
                 "workshop_id": workshops[n % len(workshops)][0], "form_id": form_id}
                for n in range(N)
            ],
        )  # fmt: skip
        s.execute(
            insert(FeedbackAnswer),
            [
                {"response_id": first + n, "question_id": q, "value": rng.randint(1, 5)}
                for n in range(N)
                for q in qids
            ],
        )
    where = ResultFilter(project_id=1)
    total = summarize(db, where).responses

    def python_loop() -> None:
        """The same counts (the project's workshops, live responses), counted in Python."""
        query = (
            select(FeedbackQuestion.key, FeedbackAnswer.value)
            .join(FeedbackQuestion, FeedbackQuestion.id == FeedbackAnswer.question_id)
            .join(FeedbackResponse, FeedbackResponse.id == FeedbackAnswer.response_id)
            .join(Workshop, Workshop.id == FeedbackResponse.workshop_id)
            .where(Workshop.project_id == 1, FeedbackResponse.deleted_at.is_(None))
        )
        with db.read() as s:
            counts: Counter = Counter()
            for key, value in s.execute(query):
                counts[(key, value)] += 1

    measured = median_ms(lambda: summarize(db, where), repeat=REPEAT)
    baseline = median_ms(python_loop, repeat=REPEAT)
    db.dispose()
    print(f"Feedback summary over {total} responses (medians of {REPEAT} runs, ms)")
    ratio = baseline / measured
    print(f"  summarize (SQL GROUP BY)  {measured:8.1f}")
    print(f"  same counts in a Python loop {baseline:8.1f}   ratio {ratio:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
