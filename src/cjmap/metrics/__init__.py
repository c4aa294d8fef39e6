"""Metrics of maps: where each stands against its target, and setting values from data."""
