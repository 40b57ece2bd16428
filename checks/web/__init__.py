"""Web checks: axe results to findings, our own static checks, grouping, scoring, WCAG conformance."""
