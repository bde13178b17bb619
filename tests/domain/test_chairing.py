from kastedesk.domain.chairing import presiding_role
from kastedesk.domain.registry import Role


def test_the_chair_chairs_when_present_or_before_attendance_is_taken() -> None:
    assert presiding_role([]) is Role.CHAIR
    assert presiding_role([Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER]) is Role.CHAIR


def test_the_vice_chair_chairs_when_the_chair_is_absent() -> None:
    assert presiding_role(["vice_chair", "member"]) is Role.VICE_CHAIR


def test_without_chair_or_vice_chair_present_the_chair_is_still_named() -> None:
    assert presiding_role([Role.MEMBER, Role.SECRETARY]) is Role.CHAIR
