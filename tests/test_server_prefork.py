"""The server in prefork mode (``--workers=2``, as ``make run`` starts it)
answers a real RPC client (odoorpc over JSON-RPC, xmlrpc.client over
XML-RPC), runs its worker processes and starts the queue_job runner."""
import os
import subprocess
import tempfile
import time
import xmlrpc.client

import odoorpc
import psutil
import pytest

from odoo11compat.pytest_plugin import wait_for_port

from . import helpers


@pytest.fixture(scope="module")
def prefork_server():
    db = os.environ.get("MALL_TEST_DB") or "mall_test"
    port, longpolling = helpers.free_port(), helpers.free_port()
    log = tempfile.NamedTemporaryFile(prefix="mall-prefork-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        helpers.odoo_command(
            "-d", db, "--db-filter=^%s$" % db, "--workers=2",
            "--http-port=%d" % port, "--longpolling-port=%d" % longpolling,
            "--max-cron-threads=1", "--load=web,queue_job", "--log-level=info",
            "--logfile=%s" % log.name),
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    try:
        wait_for_port("127.0.0.1", port, timeout=120)
        yield {"db": db, "port": port, "longpolling": longpolling,
               "proc": proc, "log": log.name}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        os.unlink(log.name)


def read_log(path):
    with open(path, encoding="utf-8", errors="replace") as fh:
        return fh.read()


def test_odoorpc_login_and_read_partner(prefork_server):
    client = odoorpc.ODOO("127.0.0.1", port=prefork_server["port"], timeout=60)
    assert client.version.startswith("11.0")
    client.login(prefork_server["db"], "admin", "admin")
    assert client.env.user.login == "admin"
    partners = client.env["res.partner"].search_read(
        [("id", "=", client.env.user.partner_id.id)], ["name", "email"])
    assert len(partners) == 1
    assert partners[0]["name"] == client.env.user.name


def test_xmlrpc_and_worker_processes(prefork_server):
    url = "http://127.0.0.1:%d/xmlrpc/2/" % prefork_server["port"]
    common = xmlrpc.client.ServerProxy(url + "common")
    uid = common.authenticate(prefork_server["db"], "admin", "admin", {})
    assert uid
    models = xmlrpc.client.ServerProxy(url + "object")
    count = models.execute_kw(prefork_server["db"], uid, "admin",
                              "res.partner", "search_count", [[]])
    assert count > 0
    # Several requests, answered by the prefork workers (pid in the log).
    for _ in range(6):
        common.version()
    children = psutil.Process(prefork_server["proc"].pid).children()
    # 2 HTTP workers, 1 cron worker and the gevent longpolling process.
    assert len(children) >= 3, children
    wait_for_port("127.0.0.1", prefork_server["longpolling"], timeout=60)


def test_queue_job_runner_started(prefork_server):
    deadline = time.time() + 60
    while time.time() < deadline:
        log = read_log(prefork_server["log"])
        if "queue job runner ready for db %s" % prefork_server["db"] in log:
            break
        time.sleep(1)
    else:
        pytest.fail("queue_job runner did not start:\n" + read_log(prefork_server["log"])[-3000:])
    assert helpers.error_lines(read_log(prefork_server["log"])) == []


def test_logins_are_logged_with_ip_and_result(prefork_server):
    db = prefork_server["db"]
    before = helpers.query(
        db, "SELECT COALESCE(MAX(id), 0) FROM mall_login_log")[0][0]
    # Web / JSON-RPC login (what the browser and odoorpc use): with the IP.
    client = odoorpc.ODOO("127.0.0.1", port=prefork_server["port"], timeout=60)
    client.login(db, "admin", "admin")
    with pytest.raises(odoorpc.error.RPCError):
        client.login(db, "admin", "wrong")
    # XML-RPC: Odoo 11 dispatches it outside an HTTP request, no IP known.
    url = "http://127.0.0.1:%d/xmlrpc/2/common" % prefork_server["port"]
    common = xmlrpc.client.ServerProxy(url)
    assert not common.authenticate(db, "nobody", "x", {})
    rows = helpers.query(
        db,
        "SELECT l.login, l.result, l.ip, u.login FROM mall_login_log l"
        " LEFT JOIN res_users u ON u.id = l.user_id WHERE l.id > %s"
        " ORDER BY l.id", (before,))
    assert rows == [
        ("admin", "success", "127.0.0.1", "admin"),
        ("admin", "failure", "127.0.0.1", "admin"),
        ("nobody", "failure", None, None),
    ]
