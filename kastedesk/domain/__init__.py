"""Rules of the trade as plain functions and values: no Qt, no SQL."""
