"""Shared helpers of the cross-module tests: run Odoo in a subprocess the
way an administrator would, against the test command's configuration."""
from contextlib import closing
import os
import socket
import subprocess
import sys

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ODOO_BIN = os.path.join(ROOT, "compat", "bin", "odoo-bin")


def conf_path():
    return os.environ["MALL_ODOO_CONF"]


def suite_modules():
    return [m for m in os.environ["MALL_SUITE"].split(",") if m]


def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def odoo_command(*args):
    """odoo-bin with the test configuration; a sub-command (``shell``) first."""
    args = list(args)
    command = [args.pop(0)] if args and not args[0].startswith("-") else []
    return [sys.executable, ODOO_BIN] + command + ["-c", conf_path()] + args


def run_odoo(*args, **kwargs):
    """Run an Odoo command to completion; return (returncode, log text)."""
    stdin = kwargs.pop("stdin", None)
    proc = subprocess.run(
        odoo_command(*args),
        input=stdin.encode() if stdin else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=kwargs.pop("timeout", 1800),
    )
    return proc.returncode, proc.stdout.decode("utf-8", "replace")


def connect(dbname="postgres"):
    kwargs = {}
    for key in ("host", "port", "user", "password"):
        value = os.environ.get("MALL_DB_" + key.upper())
        if value:
            kwargs[key] = value
    conn = psycopg2.connect(dbname=dbname, **kwargs)
    conn.autocommit = True
    return conn


def recreate_from_template(name):
    """A copy of the template (Odoo apps with demo data, no suite)."""
    template = os.environ["MALL_TEMPLATE_DB"]
    with closing(connect()) as conn, conn.cursor() as cr:
        drop_database(cr, name)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (name, template))


def drop_database(cr, name):
    cr.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
        (name,),
    )
    cr.execute('DROP DATABASE IF EXISTS "%s"' % name)


def query(dbname, sql, params=None):
    conn = connect(dbname)
    try:
        with conn.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()
    finally:
        conn.close()


def error_lines(log):
    """Lines of an Odoo log at level ERROR or CRITICAL (test failures too)."""
    return [
        line for line in log.splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
