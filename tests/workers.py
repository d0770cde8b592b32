"""Two Odoo workers on two real database connections, for concurrency
tests: each runs in a thread on its own cursor and is retried the way Odoo
retries a request after a serialization failure."""
import threading
import time

import odoo
from odoo import SUPERUSER_ID, api
from psycopg2.extensions import TransactionRollbackError


def env_of(cr):
    return api.Environment(cr, SUPERUSER_ID, {
        "tracking_disable": True, "mail_notrack": True})


def run_in_thread(registry, target, retry_on=(TransactionRollbackError,)):
    """Run target(env) in a thread on its own connection and commit, the
    way Odoo serves a request: retried from scratch after a serialization
    failure (``odoo.service.model.check``; ``retry_on`` adds e.g.
    queue_job's ``RetryableJobError``).  Returns (thread, outcome):
    outcome holds the result or the final error, and the retries."""
    outcome = {"retries": 0}

    def attempt():
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            outcome["result"] = target(env_of(cr))

    def body():
        for _attempt in range(5):
            try:
                attempt()  # the cursor commits when the block succeeds
                return
            except retry_on:
                outcome["retries"] += 1
            except Exception as error:  # the test inspects it
                outcome["error"] = error
                return

    thread = threading.Thread(target=body)
    thread.start()
    return thread, outcome


def race(registry, first, second=None, wait=1.0, retry_on=None,
         join=60):
    """Two workers at once: ``first(env)`` runs on a connection held open
    (uncommitted), then ``second(env)`` (default: the same) starts on
    another connection in a thread; the second must still be waiting
    ``wait`` seconds later (on a row lock or a unique index), then the
    first commits.  Returns (first's result, the second's outcome, see
    ``run_in_thread``)."""
    cursor = registry.cursor()
    try:
        result = first(env_of(cursor))
        kwargs = {"retry_on": retry_on} if retry_on else {}
        thread, outcome = run_in_thread(registry, second or first, **kwargs)
        time.sleep(wait)
        assert thread.is_alive(), "the second worker must wait for the first"
        cursor.commit()
    finally:
        cursor.close()
    thread.join(join)
    assert not thread.is_alive(), "the second worker never finished"
    return result, outcome
