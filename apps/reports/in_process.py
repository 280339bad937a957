"""Reports made in the web process, for the embedded default without a broker (SQLite, no
Redis): one background thread takes the requests in order, so that "Ta fram rapporten"
answers at once and the page shows the same progress bar as with Celery workers, instead of
the browser waiting half a minute for the PDF.

The thread lives as long as the process. When it first starts in a process it also takes the
requests an earlier process queued and never began (the development server restarts on every
change of the code); one it had begun is ended by ``services.expire_stale`` like one a killed
worker left.
"""

from __future__ import annotations

import logging
import queue
import threading

from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)


class Worker:
    """One thread and its queue of request ids."""

    def __init__(self) -> None:
        self.requests: queue.Queue[int] = queue.Queue()
        self.thread: threading.Thread | None = None
        self.lock = threading.Lock()

    def submit(self, request_id: int) -> None:
        with self.lock:
            if self.thread is None:
                for orphan in _left_queued(but=request_id):
                    self.requests.put(orphan)
            self.requests.put(request_id)
            if self.thread is None or not self.thread.is_alive():
                self.thread = threading.Thread(
                    target=self._work, name="reports-in-process", daemon=True
                )
                self.thread.start()

    def wait(self) -> None:
        self.requests.join()

    def _work(self) -> None:
        from apps.reports import services

        while True:
            request_id = self.requests.get()
            try:
                close_old_connections()
                services.report_generate(request_id=request_id)
            except Exception as error:  # the service records its own; this is the database's
                logger.exception("Report request %s failed in process", request_id)
                try:
                    services.report_fail(request_id=request_id, error=error)
                except Exception:
                    logger.exception("Report request %s: its failure was not recorded", request_id)
            finally:
                connection.close()
                self.requests.task_done()


def _left_queued(*, but: int) -> list[int]:
    from apps.reports.models import ReportRequest, RequestState

    return list(
        ReportRequest.objects.filter(state=RequestState.QUEUED)
        .exclude(pk=but)
        .order_by("requested_at", "pk")
        .values_list("pk", flat=True)
    )


_worker = Worker()


def submit(request_id: int) -> None:
    """Queue the request for the process's report thread, starting the thread if need be."""
    _worker.submit(request_id)


def wait() -> None:
    """Until every submitted request is made (for tests)."""
    _worker.wait()
