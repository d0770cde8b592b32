#!/usr/bin/env python
# -*- coding: utf-8 -*-
"""Measure how faithfully this platform runs Odoo 11's own test suites.

For every requested Odoo module the script

1. drops and recreates an empty database ``<prefix><module>``
   (``coretest_<module>`` by default) and the matching filestore;
2. runs ``odoo -d <db> -i <module> --test-enable --stop-after-init
   --log-level=test`` in it, *with* demo data, through the project's
   virtualenv (so the compatibility layer ``odoo11compat`` is active);
3. parses Odoo 11's test-runner log: per test module (logger
   ``odoo.addons.<module>.tests.<file>``) the ``Ran N tests`` line, the
   ``OK`` / ``FAILED`` summary with its ``(failures=.., errors=..,
   skipped=..)`` detail, the ``ERROR:``/``FAIL:`` blocks with their
   traceback and the ``skipped '<reason>'`` status lines; plus the YAML/XML
   test files of the manifest's ``test`` key, test modules that cannot be
   imported, and ERROR/CRITICAL log lines that are not test results;
4. prints one table row per requested module (its own tests, measured in
   its own database), a second table with the tests of the dependencies
   that were installed (and therefore tested) along the way, reported
   under their own module name and database, and writes every failing,
   erroring and skipped test with its message to a JSON file.

Why one database per module: this is how Odoo's own CI tests a module
(``-i <module>`` on a fresh database): each module's at_install tests run
right after it is installed, with only its dependencies present, so the
result does not depend on which other modules of the list happen to be in
the same database.  The price is that dependencies (``base`` above all) are
installed and tested again in every database; those results are kept, but
the main table only counts a module's tests in its own database.

Only one Odoo process runs at a time unless ``--jobs`` says otherwise.
The script is Python 3.5-compatible and needs only the standard library
plus psycopg2 (present in the Odoo virtualenv).

Examples::

    .venv/bin/python tests/platform/measure_core_tests.py
    .venv/bin/python tests/platform/measure_core_tests.py --modules sale,stock
    .venv/bin/python tests/platform/measure_core_tests.py --parse-only \\
        /tmp/coretests/logs/coretest_sale.log
"""
from __future__ import print_function

import argparse
import ast
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time

DEFAULT_MODULES = [
    "base", "sale", "sale_stock", "purchase", "stock", "account", "portal",
    "website_sale", "queue_job",
]

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

# --------------------------------------------------------------------------
# Log parsing
# --------------------------------------------------------------------------

# "2024-01-01 00:00:00,123 4242 INFO dbname logger.name: message"
LOG_LINE = re.compile(
    r"^(?P<date>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+) (?P<pid>\d+) "
    r"(?P<level>[A-Z]+) (?P<db>\S+) (?P<logger>[\w.]+): (?P<msg>.*)$")
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<module>\w+)\.tests(\.|$)")
# unittest (3.11) test description: "test_x (pkg.mod.Class.test_x)";
# fixtures: "setUpClass (pkg.mod.Class)"; doctests: "name (pkg.mod)"...
DESCRIPTION = re.compile(r"^(?P<name>[^\s()`]+) \((?P<id>[^\s()]+)\)$")
HEADER = re.compile(r"^(?P<kind>ERROR|FAIL): (?P<name>[^\s()]+)"
                    r"(?: \((?P<id>[^\s()]+)\))?$")
RAN = re.compile(r"^Ran (?P<n>\d+) tests? in [\d.]+s$")
SKIPPED = re.compile(r"^skipped (?P<reason>'.*'|\".*\")$")
SUMMARY_DETAIL = re.compile(r"^ ?\((?P<detail>[^)]*)\)$")
FIXTURES = ("setUpClass", "tearDownClass", "setUpModule", "tearDownModule")


def _counts():
    return {"run": 0, "failures": 0, "errors": 0, "skipped": 0,
            "expected_failures": 0, "unexpected_successes": 0}


class TestModuleResult(object):
    """The results of one python test module (tests/test_x.py) in one db."""

    def __init__(self, name):
        self.name = name  # odoo.addons.<module>.tests.<file>
        self.counts = _counts()
        self.phases = []  # "at_install" / "post_install", one per run
        self.failures = []  # dicts: test, id, kind, phase, message, traceback
        self.errors = []
        self.skips = []  # dicts: test, id, phase, reason

    def to_json(self):
        return {"counts": self.counts, "phases": self.phases,
                "failures": self.failures, "errors": self.errors,
                "skips": self.skips}


def _last_meaningful_line(lines):
    for line in reversed(lines):
        if line.strip():
            return line.strip()
    return ""


EXCEPTION_LINE = re.compile(r"^(?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*"
                            r"(?:Error|Exception|Failure|Exit|Interrupt)"
                            r"(?::.*)?$")


def _exception_line(lines):
    """The last ``SomeError: message`` line of a traceback (the message of
    some exceptions, e.g. QWebException, ends with XML, so the traceback's
    last line is not always the interesting one)."""
    for line in reversed(lines):
        if EXCEPTION_LINE.match(line.strip()):
            return line.strip()
    return _last_meaningful_line(lines)


class LogParser(object):
    """Feed Odoo 11 log lines; collect per test module results."""

    def __init__(self, test_files_by_module=None):
        self.test_modules = {}  # logger name -> TestModuleResult
        self.order = []
        self.phase = "at_install"
        self.last_description = {}  # logger -> (name, id)
        self.block = None  # current ERROR:/FAIL: block being collected
        self.pending_summary = {}  # logger -> bool (saw OK/FAILED)
        self.import_errors = []  # "Can not `import x`" with traceback
        self.yaml = {}  # module -> {"files": [...], "exception": ...}
        self.yaml_files = test_files_by_module or {}
        self.current_loading = None  # (module, file) last "loading" line
        self.other_errors = []  # ERROR/CRITICAL lines that are no test result
        self.multiline = None  # list collecting a traceback of a log record
        self.fatal = []  # CRITICAL lines (e.g. failed to initialize db)
        self.module_reports = []  # "Module x: n failures, m errors"

    # -- helpers ---------------------------------------------------------
    def _tm(self, logger):
        if logger not in self.test_modules:
            self.test_modules[logger] = TestModuleResult(logger)
            self.order.append(logger)
        return self.test_modules[logger]

    def _close_block(self):
        if self.block is None:
            return
        block, self.block = self.block, None
        tm = self._tm(block["logger"])
        lines = block["lines"]
        # first continuation lines before "Traceback" are the docstring
        doc = []
        while lines and not lines[0].startswith("Traceback") and \
                not lines[0].startswith("Exception") and \
                not lines[0].startswith("  File"):
            doc.append(lines.pop(0))
        entry = {
            "test": block["name"], "id": block["id"], "kind": block["kind"],
            "phase": self.phase, "doc": " ".join(doc).strip(),
            "message": _exception_line(lines),
            "traceback": "\n".join(lines),
            "fixture": block["name"] in FIXTURES,
        }
        if block["kind"] == "FAIL":
            tm.failures.append(entry)
        else:
            tm.errors.append(entry)

    def _close_multiline(self):
        self.multiline = None

    # -- main entry point ------------------------------------------------
    def feed(self, raw):
        line = raw.rstrip("\n")
        m = LOG_LINE.match(line)
        if not m:
            # continuation of a multi-line log record (traceback)
            if self.multiline is not None:
                self.multiline.append(line)
            return
        self._close_multiline()
        level, logger, msg = m.group("level"), m.group("logger"), m.group("msg")

        if logger == "odoo.modules.loading" and msg == "Modules loaded.":
            self.phase = "post_install"
        if logger == "odoo.modules.loading" and msg.startswith("loading "):
            path = msg[len("loading "):].strip()
            mod = path.split("/", 1)[0]
            rel = path.split("/", 1)[1] if "/" in path else path
            if rel in self.yaml_files.get(mod, ()):
                entry = self.yaml.setdefault(
                    mod, {"files": [], "exception": None, "failed_file": None})
                if rel not in entry["files"]:
                    entry["files"].append(rel)
                self.current_loading = (mod, rel)
        if msg.startswith("module ") and \
                msg.endswith(": an exception occurred in a test"):
            mod = msg[len("module "):-len(": an exception occurred in a test")]
            entry = self.yaml.setdefault(
                mod, {"files": [], "exception": None, "failed_file": None})
            entry["exception"] = []
            if self.current_loading and self.current_loading[0] == mod:
                entry["failed_file"] = self.current_loading[1]
            self.multiline = entry["exception"]
            return
        if msg.startswith("Can not `import "):
            rec = {"message": msg, "traceback": []}
            self.import_errors.append(rec)
            self.multiline = rec["traceback"]
            return
        rep = re.match(r"^Module (\w+): (\d+) failures, (\d+) errors$", msg)
        if rep:
            self.module_reports.append(
                {"module": rep.group(1), "failures": int(rep.group(2)),
                 "errors": int(rep.group(3)), "phase": self.phase})
            return

        tl = TEST_LOGGER.match(logger)
        if tl and logger.count(".") >= 4:
            self._feed_test_line(level, logger, msg)
            return
        if logger == "odoo.modules.module" and msg.endswith(" running tests."):
            self._close_block()
            name = msg[:-len(" running tests.")]
            tm = self._tm(name)
            tm.phases.append(self.phase)
            return
        if level in ("ERROR", "CRITICAL"):
            rec = {"level": level, "logger": logger, "message": msg,
                   "phase": self.phase, "traceback": []}
            self.other_errors.append(rec)
            self.multiline = rec["traceback"]
            if level == "CRITICAL":
                self.fatal.append(rec)

    def _feed_test_line(self, level, logger, msg):
        cont = msg.startswith("` ")
        text = msg[2:] if cont else msg
        if self.block is not None:
            if self.block["logger"] == logger and (cont or
                                                   msg.startswith("Traceback")):
                self.block["lines"].append(text)
                return
            if self.block["logger"] == logger and msg.startswith("====="):
                self._close_block()
                return
            self._close_block()
        if msg.startswith("====="):
            return
        h = HEADER.match(msg)
        if h and level == "ERROR":
            self.block = {"logger": logger, "kind": h.group("kind"),
                          "name": h.group("name"), "id": h.group("id"),
                          "lines": []}
            return
        r = RAN.match(msg)
        if r:
            tm = self._tm(logger)
            tm.counts["run"] += int(r.group("n"))
            return
        if msg in ("OK", "FAILED"):
            self.pending_summary[logger] = True
            return
        if self.pending_summary.get(logger):
            d = SUMMARY_DETAIL.match(msg)
            if d:
                self.pending_summary[logger] = False
                tm = self._tm(logger)
                for part in d.group("detail").split(","):
                    key, _, val = part.strip().partition("=")
                    key = key.strip().replace(" ", "_")
                    if key in tm.counts and val.strip().isdigit():
                        tm.counts[key] += int(val)
                return
            self.pending_summary[logger] = False
        s = SKIPPED.match(msg)
        if s:
            name, tid = self.last_description.get(logger, ("?", None))
            try:
                reason = ast.literal_eval(s.group("reason"))
            except Exception:
                reason = s.group("reason")
            self._tm(logger).skips.append(
                {"test": name, "id": tid, "phase": self.phase,
                 "reason": reason})
            return
        if not cont:
            dm = DESCRIPTION.match(msg)
            if dm:
                self.last_description[logger] = (dm.group("name"),
                                                 dm.group("id"))

    def finish(self):
        self._close_block()
        self._close_multiline()


def odoo_module_of(test_module_name):
    m = TEST_LOGGER.match(test_module_name)
    return m.group("module") if m else test_module_name


def summarize(parser):
    """Aggregate the parser's test modules per Odoo module."""
    per_module = {}
    for name in parser.order:
        tm = parser.test_modules[name]
        mod = odoo_module_of(name)
        agg = per_module.setdefault(mod, {
            "counts": _counts(), "test_modules": {}, "failures": [],
            "errors": [], "skips": []})
        for k, v in tm.counts.items():
            agg["counts"][k] += v
        agg["test_modules"][name] = tm.counts
        for key in ("failures", "errors", "skips"):
            for e in getattr(tm, key):
                e = dict(e)
                e["test_module"] = name
                agg[key].append(e)
    for mod, agg in per_module.items():
        c = agg["counts"]
        # fixture-level errors (setUpClass...) are counted by unittest in
        # "errors" but not in "Ran": keep them out of the "passed" maths.
        fixture_errors = len([e for e in agg["errors"] + agg["failures"]
                              if e.get("fixture")])
        fixture_skips = len([e for e in agg["skips"]
                             if e["test"] in FIXTURES])
        c["fixture_errors"] = fixture_errors
        c["fixture_skips"] = fixture_skips
        c["passed"] = (c["run"] - c["failures"] - c["errors"] - c["skipped"]
                       - c["expected_failures"] - c["unexpected_successes"]
                       + fixture_errors + fixture_skips)
        problems = []
        if len(agg["failures"]) != c["failures"]:
            problems.append("%d FAIL blocks parsed for %d failures" % (
                len(agg["failures"]), c["failures"]))
        if len(agg["errors"]) != c["errors"]:
            problems.append("%d ERROR blocks parsed for %d errors" % (
                len(agg["errors"]), c["errors"]))
        if len(agg["skips"]) != c["skipped"]:
            problems.append("%d skip lines parsed for %d skipped" % (
                len(agg["skips"]), c["skipped"]))
        agg["parse_warnings"] = problems
    return per_module


def parse_log(path, test_files_by_module=None):
    parser = LogParser(test_files_by_module)
    with open(path, "r", errors="replace") as fh:
        for line in fh:
            parser.feed(line)
    parser.finish()
    return parser


def log_time_span(path):
    """Seconds between the first and the last timestamped line of a log."""
    first = last = None
    with open(path, "r", errors="replace") as fh:
        for line in fh:
            m = LOG_LINE.match(line)
            if m:
                stamp = datetime.datetime.strptime(m.group("date"),
                                                   "%Y-%m-%d %H:%M:%S,%f")
                first = first or stamp
                last = stamp
    if first is None:
        return 0.0
    return (last - first).total_seconds()


# --------------------------------------------------------------------------
# Running Odoo
# --------------------------------------------------------------------------

def find_addons_path(python):
    out = subprocess.check_output(
        [python, "-W", "ignore", "-c",
         "import os, odoo.addons; print(os.pathsep.join("
         "p for p in odoo.addons.__path__ if os.path.isdir(p)))"])
    return out.decode().strip().splitlines()[-1]


def compat_checksum(python):
    """sha256 of the compatibility layer's sources (which version ran)."""
    code = ("import hashlib, os, odoo11compat as c\n"
            "d = os.path.dirname(c.__file__); h = hashlib.sha256()\n"
            "for n in sorted(os.listdir(d)):\n"
            "    if n.endswith('.py'):\n"
            "        h.update(open(os.path.join(d, n), 'rb').read())\n"
            "print(h.hexdigest())")
    try:
        return subprocess.check_output(
            [python, "-W", "ignore", "-c", code]).decode().strip()
    except Exception:
        return None


def manifest_test_files(addons_path):
    """module -> set of files listed under the manifest's ``test`` key."""
    result = {}
    for root in addons_path.split(","):
        root = root.strip()
        if not os.path.isdir(root):
            continue
        for mod in os.listdir(root):
            man = os.path.join(root, mod, "__manifest__.py")
            if not os.path.isfile(man):
                continue
            try:
                with open(man) as fh:
                    data = ast.literal_eval(fh.read())
                files = data.get("test") or []
            except Exception:
                files = []
            if files and mod not in result:
                result[mod] = set(files)
    return result


def pg_connect(opts, dbname="postgres"):
    import psycopg2
    kw = {"dbname": dbname}
    if opts.db_host:
        kw["host"] = opts.db_host
    if opts.db_port:
        kw["port"] = int(opts.db_port)
    if opts.db_user:
        kw["user"] = opts.db_user
    if opts.db_password:
        kw["password"] = opts.db_password
    conn = psycopg2.connect(**kw)
    conn.autocommit = True
    return conn


def pg_version(opts):
    conn = pg_connect(opts)
    try:
        cr = conn.cursor()
        cr.execute("SHOW server_version")
        return cr.fetchone()[0]
    finally:
        conn.close()


def drop_db(opts, db):
    conn = pg_connect(opts)
    try:
        cr = conn.cursor()
        cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                   "WHERE datname = %s AND pid <> pg_backend_pid()", (db,))
        cr.execute('DROP DATABASE IF EXISTS "%s"' % db.replace('"', ''))
    finally:
        conn.close()
    filestore = os.path.join(opts.data_dir, "filestore", db)
    if os.path.isdir(filestore):
        shutil.rmtree(filestore)


def free_port(preferred):
    for port in range(preferred, preferred + 200):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise RuntimeError("no free TCP port from %d" % preferred)


def write_conf(opts, path, http_port):
    lines = ["[options]",
             "data_dir = %s" % opts.data_dir,
             "addons_path = %s" % opts.addons_path,
             "http_port = %d" % http_port,
             "http_interface = 127.0.0.1",
             "without_demo = False",
             "max_cron_threads = 0",
             "list_db = True"]
    if opts.db_host:
        lines.append("db_host = %s" % opts.db_host)
    if opts.db_port:
        lines.append("db_port = %s" % opts.db_port)
    if opts.db_user:
        lines.append("db_user = %s" % opts.db_user)
    if opts.db_password:
        lines.append("db_password = %s" % opts.db_password)
    with open(path, "w") as fh:
        fh.write("\n".join(lines) + "\n")


_PORT_LOCK = threading.Lock()
_USED_PORTS = set()


def run_one(opts, module, test_files, out_lock):
    db = opts.db_prefix + module
    log_path = os.path.join(opts.work_dir, "logs", db + ".log")
    conf_path = os.path.join(opts.work_dir, "conf", db + ".conf")
    with _PORT_LOCK:
        port = opts.http_port
        while True:
            port = free_port(port)
            if port not in _USED_PORTS:
                break
            port += 1
        _USED_PORTS.add(port)
    write_conf(opts, conf_path, port)
    drop_db(opts, db)
    code = "import odoo.cli; odoo.cli.main()"
    if opts.prelude:
        code = ("exec(compile(open(%r).read(), %r, 'exec')); " % (
            opts.prelude, opts.prelude)) + code
    cmd = [opts.python, "-W", "ignore", "-c", code, "-c", conf_path,
           "-d", db, "-i", module, "--test-enable", "--stop-after-init",
           "--log-level=test"]
    env = dict(os.environ)
    # The project's lessc (npm less 2.7.3, installed by `make run`/`make
    # test` into node_modules) compiles the web client's .less assets.
    node_bin = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "node_modules", ".bin")
    env["PATH"] = node_bin + os.pathsep + env.get("PATH", "")
    pgopt = env.get("PGOPTIONS", "")
    if "extra_float_digits" not in pgopt:
        env["PGOPTIONS"] = (pgopt + " -c extra_float_digits=0").strip()
    with out_lock:
        print("[%s] %s: installing with tests in %s (http port %d), log %s"
              % (time.strftime("%H:%M:%S"), module, db, port, log_path))
        sys.stdout.flush()
    t0 = time.time()
    timed_out = False
    with open(log_path, "w") as log:
        log.write("# command: %s\n" % " ".join(cmd))
        log.flush()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                                env=env, cwd=opts.work_dir)
        try:
            rc = proc.wait(timeout=opts.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            proc.terminate()
            try:
                rc = proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                rc = proc.wait()
    elapsed = time.time() - t0
    with _PORT_LOCK:
        _USED_PORTS.discard(port)
    if not opts.keep_db:
        drop_db(opts, db)
    parser = parse_log(log_path, test_files)
    result = build_db_result(module, db, log_path, parser)
    result.update({"returncode": rc, "timed_out": timed_out,
                   "elapsed_seconds": round(elapsed, 1), "http_port": port})
    with out_lock:
        c = result["modules"].get(module, {}).get("counts", _counts())
        print("[%s] %s: done in %s (rc=%s%s): run %s, failures %s, errors %s,"
              " skipped %s" % (time.strftime("%H:%M:%S"), module,
                               fmt_duration(elapsed), rc,
                               ", TIMED OUT" if timed_out else "",
                               c["run"], c["failures"], c["errors"],
                               c["skipped"]))
        sys.stdout.flush()
    return result


def build_db_result(module, db, log_path, parser):
    per_module = summarize(parser)
    return {
        "target": module, "database": db, "log": log_path,
        "modules": per_module,
        "yaml_tests": dict(
            (mod, {"files": y["files"], "failed_file": y["failed_file"],
                   "exception": (None if y["exception"] is None
                                 else "\n".join(y["exception"]))})
            for mod, y in parser.yaml.items()),
        "import_errors": [
            {"message": r["message"], "traceback": "\n".join(r["traceback"])}
            for r in parser.import_errors],
        "module_reports": parser.module_reports,
        "other_error_logs": [
            {"level": r["level"], "logger": r["logger"],
             "message": r["message"], "phase": r["phase"],
             "traceback": "\n".join(r["traceback"])}
            for r in parser.other_errors],
        "fatal": [r["message"] for r in parser.fatal],
    }


# --------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------

COLUMNS = ("run", "passed", "failures", "errors", "skipped")


def fmt_duration(seconds):
    seconds = int(round(seconds))
    return "%dh%02dm%02ds" % (seconds // 3600, seconds % 3600 // 60,
                              seconds % 60)


def yaml_cell(entry):
    if not entry:
        return "-"
    n = len(entry["files"])
    if entry["exception"] is not None:
        return "%d files, FAILED in %s" % (n, entry["failed_file"] or "?")
    return "%d files, OK" % n


def table(rows, headers):
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(str(cell)))
    sep = "-+-".join("-" * w for w in widths)
    out = [" | ".join(str(h).ljust(w) for h, w in zip(headers, widths)),
           sep]
    for row in rows:
        out.append(" | ".join(str(c).ljust(w) for c, w in zip(row, widths)))
    return "\n".join(out)


def report(results, targets):
    by_target = dict((r["target"], r) for r in results)
    rows = []
    total = dict((k, 0) for k in COLUMNS)
    for mod in targets:
        r = by_target.get(mod)
        if r is None:
            continue
        agg = r["modules"].get(mod)
        c = agg["counts"] if agg else dict(_counts(), passed=0)
        for k in COLUMNS:
            total[k] += c[k]
        notes = []
        if r["timed_out"]:
            notes.append("TIMED OUT")
        if r["fatal"]:
            notes.append("CRITICAL: %s" % r["fatal"][0][:60])
        if agg and agg["counts"].get("fixture_errors"):
            notes.append("%d class-level errors" %
                         agg["counts"]["fixture_errors"])
        if agg and agg["parse_warnings"]:
            notes.append("parse: " + "; ".join(agg["parse_warnings"]))
        imp = [e for e in r["import_errors"]
               if "`%s`" % mod in e["message"]]
        if imp:
            notes.append("test import failed")
        rows.append([mod, r["database"]] + [c[k] for k in COLUMNS] +
                    [yaml_cell(r["yaml_tests"].get(mod)),
                     fmt_duration(r["elapsed_seconds"]),
                     ", ".join(notes)])
    rows.append(["TOTAL", ""] + [total[k] for k in COLUMNS] + ["", "", ""])
    print()
    print("Requested modules, each measured in its own database:")
    print(table(rows, ["module", "database", "run", "passed", "failed",
                       "errored", "skipped", "yaml/xml tests", "time",
                       "notes"]))

    dep_rows = []
    for r in results:
        for mod in sorted(set(r["modules"]) | set(r["yaml_tests"])):
            if mod == r["target"]:
                continue
            if mod in r["modules"]:
                c = r["modules"][mod]["counts"]
            else:  # only YAML/XML tests (e.g. l10n_generic_coa)
                c = dict(_counts(), passed=0)
            dep_rows.append([mod, r["database"]] + [c[k] for k in COLUMNS] +
                            [yaml_cell(r["yaml_tests"].get(mod))])
    if dep_rows:
        print()
        print("Tests of dependencies (and auto-installed modules) that ran "
              "in the same databases:")
        print(table(dep_rows, ["module", "database", "run", "passed",
                               "failed", "errored", "skipped",
                               "yaml/xml tests"]))

    print()
    print("Failures, errors and skips (requested modules, own database):")
    for mod in targets:
        r = by_target.get(mod)
        if r is None:
            continue
        agg = r["modules"].get(mod)
        if agg:
            for key, label in (("failures", "FAIL"), ("errors", "ERROR")):
                for e in agg[key]:
                    print("  %-5s %s %s [%s]: %s" % (
                        label, mod, e["id"] or e["test"], e["phase"],
                        e["message"][:200]))
            for e in agg["skips"]:
                print("  SKIP  %s %s [%s]: %s" % (
                    mod, e["id"] or e["test"], e["phase"], e["reason"]))
        y = r["yaml_tests"].get(mod)
        if y and y["exception"] is not None:
            print("  YAML  %s %s: %s" % (
                mod, y["failed_file"],
                _exception_line(y["exception"].splitlines())))
        for e in r["import_errors"]:
            print("  IMPORT %s: %s" % (mod, e["message"]))
        if r["fatal"]:
            for f in r["fatal"]:
                print("  CRITICAL %s: %s" % (mod, f))

    dep_problems = []
    for r in results:
        for mod in sorted(r["modules"]):
            if mod == r["target"]:
                continue
            agg = r["modules"][mod]
            for key, label in (("failures", "FAIL"), ("errors", "ERROR")):
                for e in agg[key]:
                    dep_problems.append("  %-5s %s %s in %s [%s]: %s" % (
                        label, mod, e["id"] or e["test"], r["database"],
                        e["phase"], e["message"][:200]))
        for mod, y in sorted(r["yaml_tests"].items()):
            if mod != r["target"] and y["exception"] is not None:
                dep_problems.append("  YAML  %s %s in %s: %s" % (
                    mod, y["failed_file"], r["database"],
                    _exception_line(y["exception"].splitlines())))
    if dep_problems:
        print()
        print("Failures and errors of dependency tests (skips: see JSON):")
        for line in dep_problems:
            print(line)

    counter = {}
    for r in results:
        for e in r["other_error_logs"]:
            key = (e["level"], e["logger"], e["message"][:120])
            counter.setdefault(key, set()).add(r["database"])
    if counter:
        print()
        print("ERROR/CRITICAL log lines that are not test results "
              "(occurrences are in the JSON):")
        for (level, logger, msg), dbs in sorted(counter.items()):
            print("  %s %s: %s  [%d databases]" % (level, logger, msg,
                                                   len(dbs)))


# --------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------

def parse_args(argv=None):
    p = argparse.ArgumentParser(
        description="Run Odoo 11's own test suites for a list of modules, "
                    "each in a fresh database with demo data, and report "
                    "run/passed/failed/errored/skipped per module.")
    p.add_argument("--modules", default=",".join(DEFAULT_MODULES),
                   help="comma-separated Odoo modules (default: %(default)s)")
    p.add_argument("--jobs", type=int, default=1,
                   help="databases to test in parallel (default 1: one Odoo "
                        "process at a time)")
    p.add_argument("--keep-db", action="store_true",
                   help="keep the databases (and filestores) afterwards")
    p.add_argument("--db-prefix", default="coretest_",
                   help="database name prefix (default: %(default)s)")
    p.add_argument("--db-host", default=os.environ.get("PGHOST", "127.0.0.1"),
                   help="PostgreSQL host (default: $PGHOST or 127.0.0.1)")
    p.add_argument("--db-port", default=os.environ.get("PGPORT", "5432"),
                   help="PostgreSQL port (default: $PGPORT or 5432)")
    p.add_argument("--db-user", default=os.environ.get("PGUSER"),
                   help="PostgreSQL role (default: $PGUSER or libpq's)")
    p.add_argument("--db-password", default=os.environ.get("PGPASSWORD"),
                   help="PostgreSQL password (default: $PGPASSWORD)")
    p.add_argument("--python", default=os.path.join(REPO, ".venv", "bin",
                                                    "python"),
                   help="interpreter of the Odoo virtualenv")
    p.add_argument("--addons-path", default=None,
                   help="Odoo addons_path (default: odoo.addons.__path__ of "
                        "--python)")
    p.add_argument("--work-dir", default="/tmp/coretests",
                   help="logs, configuration files and data_dir "
                        "(default: %(default)s)")
    p.add_argument("--data-dir", default=None,
                   help="Odoo data_dir (default: <work-dir>/data)")
    p.add_argument("--http-port", type=int, default=18069,
                   help="first HTTP port to try for the test server (HttpCase "
                        "tests); a free one is picked (default %(default)s)")
    p.add_argument("--timeout", type=int, default=4 * 3600,
                   help="seconds before one module's run is killed")
    p.add_argument("--output", default=None,
                   help="JSON detail file (default: <work-dir>/"
                        "core_tests_results.json)")
    p.add_argument("--prelude", default=None,
                   help="python file exec'd in the Odoo process before "
                        "odoo.cli.main() (to try a candidate patch)")
    p.add_argument("--parse-only", nargs="+", metavar="LOG", default=None,
                   help="do not run Odoo: parse existing logs named "
                        "<prefix><module>.log and report")
    return p.parse_args(argv)


def main(argv=None):
    opts = parse_args(argv)
    t0 = time.time()
    opts.work_dir = os.path.abspath(opts.work_dir)
    opts.data_dir = os.path.abspath(opts.data_dir or
                                    os.path.join(opts.work_dir, "data"))
    for sub in ("logs", "conf"):
        d = os.path.join(opts.work_dir, sub)
        if not os.path.isdir(d):
            os.makedirs(d)
    if not os.path.isdir(opts.data_dir):
        os.makedirs(opts.data_dir)
    opts.output = opts.output or os.path.join(opts.work_dir,
                                              "core_tests_results.json")
    if opts.prelude:
        opts.prelude = os.path.abspath(opts.prelude)
    modules = [m.strip() for m in opts.modules.split(",") if m.strip()]
    if not opts.addons_path:
        opts.addons_path = find_addons_path(opts.python)
    test_files = manifest_test_files(opts.addons_path)

    results = []
    env_info = {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
        "python": subprocess.check_output(
            [opts.python, "-c", "import sys; print(sys.version.split()[0])"]
        ).decode().strip(),
        "addons_path": opts.addons_path,
        "compat_layer_sha256": compat_checksum(opts.python),
    }
    if opts.parse_only:
        for path in opts.parse_only:
            base = os.path.basename(path)
            mod = base[:-4] if base.endswith(".log") else base
            if mod.startswith(opts.db_prefix):
                mod = mod[len(opts.db_prefix):]
            db = opts.db_prefix + mod
            with open(path, errors="replace") as fh:
                first = fh.readline()
            if first.startswith("# command:"):  # written by run_one
                words = first.split()
                if "-i" in words:
                    mod = words[words.index("-i") + 1]
                if "-d" in words:
                    db = words[words.index("-d") + 1]
            parser = parse_log(path, test_files)
            res = build_db_result(mod, db, path, parser)
            span = log_time_span(path)
            res.update({"returncode": None, "timed_out": False,
                        "elapsed_seconds": round(span, 1)})
            results.append(res)
        rank = dict((m, i) for i, m in enumerate(DEFAULT_MODULES))
        results.sort(key=lambda r: (rank.get(r["target"], len(rank)),
                                    r["target"]))
        modules = [r["target"] for r in results]
    else:
        try:
            env_info["postgresql"] = pg_version(opts)
        except Exception as e:  # pragma: no cover
            print("cannot reach PostgreSQL: %s" % e, file=sys.stderr)
            return 2
        out_lock = threading.Lock()
        if opts.jobs <= 1:
            for mod in modules:
                results.append(run_one(opts, mod, test_files, out_lock))
        else:
            queue = list(modules)
            qlock = threading.Lock()
            done = {}

            def worker():
                while True:
                    with qlock:
                        if not queue:
                            return
                        mod = queue.pop(0)
                    done[mod] = run_one(opts, mod, test_files, out_lock)

            threads = [threading.Thread(target=worker)
                       for _ in range(opts.jobs)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            results = [done[m] for m in modules if m in done]

    elapsed = time.time() - t0
    env_info["elapsed_seconds"] = round(elapsed, 1)
    report(results, modules)
    with open(opts.output, "w") as fh:
        json.dump({"environment": env_info, "modules": modules,
                   "results": results}, fh, indent=1, sort_keys=True)
    print()
    print("Detail written to %s" % opts.output)
    print("Logs in %s" % os.path.join(opts.work_dir, "logs"))
    print("Elapsed: %s" % fmt_duration(elapsed))
    bad = any(r["modules"].get(r["target"], {}).get("counts", {}).get(k)
              for r in results for k in ("failures", "errors"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
