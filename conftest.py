# Root conftest: serve Odoo over HTTP for HttpCase tests (Odoo 11 + pytest-odoo).
pytest_plugins = ["odoo11compat.pytest_plugin"]
