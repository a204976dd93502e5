"""Benchmarks: `make bench` (bench/run.py) and the ingest floor (bench/ingest.py)."""
