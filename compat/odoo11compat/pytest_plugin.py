"""pytest support for Odoo 11 ``HttpCase`` tests (with pytest-odoo).

pytest-odoo 2.3.0 loads the registry but, for Odoo 11, starts and at once
stops the HTTP server (and on a random port, not the one ``HttpCase`` uses).
This plugin serves the WSGI application in a thread on the port Odoo's test
helpers read (``odoo.tests.common.PORT``), for the whole session, and only
when an ``HttpCase`` test was collected.  Enable it with
``pytest_plugins = ["odoo11compat.pytest_plugin"]`` in a root conftest.
"""
import socket
import time

import pytest


def _is_http_case(item):
    cls = getattr(item, "cls", None)
    if cls is None:
        return False
    from odoo.tests.common import HttpCase

    return issubclass(cls, HttpCase)


def pytest_configure(config):
    # pytest-odoo skips HttpCase tests unless --odoo-http is given; this
    # plugin is what serves them, so the option is implied.
    if hasattr(config.option, "odoo_http"):
        config.option.odoo_http = True


@pytest.fixture(scope="module", autouse=True)
def load_http():
    """Replaces pytest-odoo's fixture of that name: for Odoo < 15 it calls
    ``odoo.service.server.start(stop=True)``, which serves and stops at once
    and closes every database connection; ``odoo_http_server`` serves."""
    yield


def pytest_collection_modifyitems(session, config, items):
    for item in items:
        if _is_http_case(item) and "odoo_http_server" not in item.fixturenames:
            item.fixturenames.insert(0, "odoo_http_server")


def wait_for_port(host, port, timeout=30.0):
    """Block until something accepts TCP connections on host:port."""
    deadline = time.time() + timeout
    while True:
        try:
            socket.create_connection((host, port), timeout=1).close()
            return
        except OSError:
            if time.time() > deadline:
                raise RuntimeError("nothing listens on %s:%s" % (host, port))
            time.sleep(0.1)


@pytest.fixture(scope="session")
def odoo_http_server(load_registry):
    """Odoo's threaded HTTP server on ``odoo.tests.common.PORT``."""
    import odoo
    from odoo.service import server as odoo_server
    from odoo.service import wsgi_server
    from odoo.tests import common

    port = odoo.tools.config["http_port"]
    # The module read the port when it was imported; keep both in step.
    common.PORT = port
    odoo.tools.config["http_interface"] = common.HOST
    server = odoo_server.ThreadedServer(wsgi_server.application)
    server.http_spawn()
    wait_for_port(common.HOST, port)
    yield "http://%s:%s" % (common.HOST, port)
    server.httpd.shutdown()
    server.httpd.server_close()
