"""Evaluation of the readers on public corpora (``make eval``); not shipped, not a test."""
