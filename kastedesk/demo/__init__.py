"""Fictional demo data modelled on the seeds.

One module per area (registry, meetings, workshops).
"""
