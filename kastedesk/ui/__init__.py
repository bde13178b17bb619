"""The Qt user interface: windows, tabs and dialogs. No SQL and no business rules."""
