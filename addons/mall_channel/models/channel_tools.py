# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the models share about talking to a platform."""
from odoo.addons.queue_job.exception import RetryableJobError

from ..adapters import registered_adapters


def adapter_selection(model):
    """Selection of the registered marketplace protocols."""
    return registered_adapters()


def retry_if_retryable(error, subject):
    """Turn a retryable ``ChannelError`` into queue_job's retry (the job
    runs again later, honouring the platform's Retry-After); return for a
    permanent one, which the caller records."""
    if error.retryable:
        raise RetryableJobError(
            "%s: %s" % (subject, error),
            seconds=int(error.retry_after or 0) or None)
