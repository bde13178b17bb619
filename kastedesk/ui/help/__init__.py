"""Help: the user guide shipped with the program, F1 and the keyboard shortcuts list."""
