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


def test_a_dialog_opens_in_its_first_field_and_grows_for_long_errors(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit

    from kastedesk.domain.validation import ValidationError
    from kastedesk.ui.dialog_base import FormDialog

    long_message = " ".join(["Tämä on hyvin pitkä virheilmoitus, joka rivittyy."] * 12)

    class Dialog(FormDialog):
        def collect(self) -> object:
            raise ValidationError({"name": long_message})

    dialog = Dialog(lambda _data: None)
    first, second = QLineEdit(), QLineEdit()
    dialog.form.add_field("name", lambda: "Name", first)
    dialog.form.add_field("other", lambda: "Other", second)
    qtbot.addWidget(dialog)
    dialog.resize(360, 120)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is first
    before = dialog.height()
    dialog.accept()
    error = dialog.findChild(type(dialog.form.form_error), "error_name")
    assert error is not None and error.text() == long_message and error.wordWrap()
    assert dialog.height() > before
    # Nothing clipped, once the layout has run:
    qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()), timeout=2000)
    assert dialog.width() == 360  # wraps rather than running off the screen
