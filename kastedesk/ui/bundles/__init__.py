"""File → Export/Import feedback bundle…, their dialogs and the conflicts view."""
