from PySide6.QtWidgets import QLineEdit, QWidget

from kastedesk.ui.form_errors import ErrorForm


def test_errors_show_next_to_their_fields(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = ErrorForm(host)
    name = form.add_field("name", lambda: "Name", QLineEdit())
    form.add_field("email", lambda: "Email", QLineEdit())
    host.show()
    form.show_errors({"email": "Not an email address."})
    assert form.error_text("email") == "Not an email address."
    assert form.error_text("name") == ""
    form.show_errors({"name": "Required.", "other": "Something else."})
    assert form.error_text("name") == "Required."
    assert form.error_text("email") == ""
    assert "Something else." in form.error_text("")
    assert name.hasFocus() or not host.isActiveWindow()
    form.clear_errors()
    assert form.error_text("name") == "" and form.error_text("") == ""
