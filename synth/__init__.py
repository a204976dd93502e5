"""Synthetic disclosure corpus with ground truth (see synth/README or docs)."""
