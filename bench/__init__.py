"""Benchmarks (run with `make bench`). Figures are ratios measured in one run."""
