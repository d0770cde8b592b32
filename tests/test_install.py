"""Install, upgrade, uninstall and reinstall every module of the suite on a
new database with Odoo's own test runner (``--test-enable``)."""
from contextlib import closing

import pytest

from . import helpers

DB = "mall_test_install"


@pytest.fixture(scope="module")
def database():
    helpers.recreate_from_template(DB)
    yield DB
    with closing(helpers.connect()) as conn, conn.cursor() as cr:
        helpers.drop_database(cr, DB)


def module_states(db):
    return dict(helpers.query(
        db, "SELECT name, state FROM ir_module_module WHERE name IN %s",
        (tuple(helpers.suite_modules()),)))


UNINSTALL = """
modules = env['ir.module.module'].search([('name', 'in', %r)])
modules.button_immediate_uninstall()
env.cr.commit()
"""


def test_install_upgrade_uninstall_reinstall(database):
    suite = helpers.suite_modules()
    assert suite, "the suite has no module"
    modules = ",".join(suite)

    rc, log = helpers.run_odoo(
        "-d", database, "-i", modules, "--test-enable", "--stop-after-init",
        "--log-level=test", "--max-cron-threads=0")
    failures = [line for line in log.splitlines()
                if " FAIL: " in line or " ERROR: " in line or "ERROR " in line]
    assert rc == 0, "\n".join(failures) + "\n...\n" + log[-5000:]
    assert helpers.error_lines(log) == [], log[-5000:]
    assert set(module_states(database).values()) == {"installed"}

    rc, log = helpers.run_odoo(
        "-d", database, "-u", modules, "--stop-after-init", "--max-cron-threads=0")
    assert rc == 0, log[-5000:]
    assert helpers.error_lines(log) == [], log[-5000:]

    rc, log = helpers.run_odoo(
        "shell", "-d", database, "--max-cron-threads=0", "--log-level=warn",
        stdin=UNINSTALL % suite)
    assert rc == 0, log[-5000:]
    assert helpers.error_lines(log) == [], log[-5000:]
    assert set(module_states(database).values()) == {"uninstalled"}
    leftovers = helpers.query(
        database,
        "SELECT module, model, name FROM ir_model_data WHERE module IN %s",
        (tuple(suite),))
    assert leftovers == []

    rc, log = helpers.run_odoo(
        "-d", database, "-i", modules, "--stop-after-init", "--max-cron-threads=0")
    assert rc == 0, log[-5000:]
    assert helpers.error_lines(log) == [], log[-5000:]
    assert set(module_states(database).values()) == {"installed"}

    # Simplified Chinese loads: the app menu reads 商城.
    rc, log = helpers.run_odoo(
        "-d", database, "--load-language=zh_CN", "--stop-after-init",
        "--max-cron-threads=0")
    assert rc == 0, log[-5000:]
    rows = helpers.query(
        database,
        "SELECT t.value FROM ir_translation t JOIN ir_model_data d"
        " ON d.model = 'ir.ui.menu' AND d.res_id = t.res_id"
        " WHERE d.module = 'mall_base' AND d.name = 'mall_menu_root'"
        " AND t.name = 'ir.ui.menu,name' AND t.lang = 'zh_CN'")
    assert rows == [("商城",)]
