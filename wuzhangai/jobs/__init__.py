"""Jobs and schedules of the service: when a site is scanned (``schedule``) and what runs the scans
(``runner``: the embedded runner of ``wuzhangai serve``; the job state itself lives in ``store.jobs``)."""
