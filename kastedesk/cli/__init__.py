"""The ``kastedesk`` command line: the GUI's companion for scripts and admins."""
