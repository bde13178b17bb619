"""The Workshops tab: list, filters, editor, modules of a project."""
