"""Use cases: what a user asks the system to do (scan a site, re-judge a scan, describe a site, import a survey,
build a report), written once and called by every shell: the CLI's commands today, the web service next.

Each use case takes plain values and an engine, calls the domain packages and the store, and returns ids or
data; it prints nothing and never exits (the shells turn its exceptions into messages). Long work is async at
its core (``scan_site``) so that a web handler can await it; the CLI runs it with ``asyncio.run``.
"""
