"""Gathers evidence from websites: browser, crawler, axe injection, artifacts. Knows nothing of scoring."""
