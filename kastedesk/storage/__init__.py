"""Persistence: engine, sessions, schema migrations and backups (no Qt here)."""
