"""Roles, document languages and regions (no Qt, no database)."""

from kastedesk.domain.regions import REGIONS, find_region, region_name
from kastedesk.domain.registry import DocLanguages, Role, is_voting


def test_only_chair_vice_chair_and_members_vote_in_their_own_right() -> None:
    assert {r for r in Role if is_voting(r)} == {Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER}


def test_document_language_codes() -> None:
    assert DocLanguages.FI_SV.codes == ("fi", "sv")
    assert DocLanguages("sv").codes == ("sv",)


def test_regions_by_code_and_either_name() -> None:
    assert len(REGIONS) == 19
    assert find_region("Österbotten").code == "15"
    assert find_region(" pohjanmaa ").sv == "Österbotten"
    assert find_region("06").fi == "Pirkanmaa"
    assert find_region("Atlantis") is None
    assert region_name("15", "sv") == "Österbotten"
    assert region_name(None, "fi") == ""
