"""Jobs the window and the command line both call (documents, import/export, demo)."""
