"""The report task: a thin adapter over ``services.report_generate``.

Late acknowledgement with ``reject_on_worker_lost``: a worker killed in the middle gives the
task back to the queue and another worker starts it again. The soft time limit reaches the
service as ``SoftTimeLimitExceeded``, which it records as a failure with the reason; the hard
limit a little later kills what still runs, and ``services.expire_stale`` ends such a request.
"""

from __future__ import annotations

import logging

from celery import Task, shared_task
from celery.signals import worker_ready
from django.conf import settings

from apps.reports import services

logger = logging.getLogger(__name__)


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo) -> None:
        # Reached when something outside the service's own handling broke (the database,
        # the hard time limit): the request must not stay "in progress".
        if args:
            services.report_fail(request_id=args[0], error=exc)


@shared_task(
    base=ReportTask,
    acks_late=True,
    reject_on_worker_lost=True,
    time_limit=settings.REPORT_TIME_LIMIT,
    soft_time_limit=settings.REPORT_TIME_LIMIT - 30,
)
def generate_report(request_id: int) -> None:
    services.report_generate(request_id=request_id)


@worker_ready.connect
def send_waiting_requests(**_kwargs) -> None:
    """A worker that starts has a broker: send what was requested while it was down."""
    sent = services.dispatch_pending()
    if sent:
        logger.info("Sent %s report requests that waited for the broker", sent)
