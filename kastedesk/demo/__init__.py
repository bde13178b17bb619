"""Fictional demo data modelled on the seeds: one module per area (registry, meetings…)."""
