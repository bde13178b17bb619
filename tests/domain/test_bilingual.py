from kastedesk.domain.bilingual import in_language


def test_a_name_in_each_language_falls_back_to_the_other() -> None:
    assert in_language("Ohjausryhmä", "Styrgrupp", "sv") == "Styrgrupp"
    assert in_language("Ohjausryhmä", "Styrgrupp", "fi") == "Ohjausryhmä"
    assert in_language("Ohjausryhmä", "Styrgrupp", "en") == "Ohjausryhmä"
    assert in_language("Ohjausryhmä", "", "sv") == "Ohjausryhmä"
    assert in_language("", "Styrgrupp", "fi") == "Styrgrupp"
    assert in_language("", "", "sv") == ""
