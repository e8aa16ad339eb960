"""Benchmarks: scripts that print medians against targets measured in the same run."""
