"""What the portal tests in headless Chromium share."""
from contextlib import contextmanager

from odoo import SUPERUSER_ID, api


class ServerEnvMixin(object):
    """Odoo 11's HttpCase serves requests on the registry's test cursor,
    not on ``self.cr``: the fixtures are written and read through that
    cursor (``server_env``), so the server sees them and the test sees what
    the server did; all of it is rolled back at the end."""

    @contextmanager
    def server_env(self):
        cr = self.registry.cursor()  # the test cursor, locked for us
        try:
            env = api.Environment(cr, SUPERUSER_ID, {
                "tracking_disable": True, "no_reset_password": True})
            # The server changed records since: forget what this
            # environment cached before.
            env.clear()
            yield env
            # Past the test cursor's savepoint, so that a request the
            # server rolls back (a redirect, an error page) keeps it.
            cr.commit()
        finally:
            cr.release()
