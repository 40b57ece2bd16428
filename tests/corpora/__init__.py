"""Helpers for the accuracy tests on the W3C corpora in ``../shared/corpora`` (ACT rules, WAI BAD)."""
