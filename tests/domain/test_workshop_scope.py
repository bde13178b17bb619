import datetime as dt

from kastedesk.domain.workshops import WorkshopScope


def test_an_empty_scope_takes_every_workshop_even_undated() -> None:
    assert WorkshopScope().includes(None, None, None, None)


def test_each_limit_narrows_and_the_dates_are_inclusive() -> None:
    scope = WorkshopScope(
        project_id=1, region="15", module="B",
        date_from=dt.date(2014, 9, 1), date_to=dt.date(2014, 9, 30),
    )  # fmt: skip
    assert scope.includes(1, "15", "B", dt.date(2014, 9, 1))
    assert scope.includes(1, "15", "B", dt.date(2014, 9, 30))
    assert not scope.includes(2, "15", "B", dt.date(2014, 9, 10))
    assert not scope.includes(1, "14", "B", dt.date(2014, 9, 10))
    assert not scope.includes(1, "15", "A", dt.date(2014, 9, 10))
    assert not scope.includes(1, "15", "B", dt.date(2014, 10, 1))
    assert not scope.includes(1, "15", "B", None)  # a date limit leaves undated ones out
