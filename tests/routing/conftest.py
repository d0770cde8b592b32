"""The routing engine is plain Python: its tests import it from the module
folder without an Odoo registry."""

import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))
MODULE = os.path.join(os.path.abspath(ROOT), "addons", "mall_routing")
if MODULE not in sys.path:
    sys.path.insert(0, MODULE)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """No database: these tests need none (overrides pytest-odoo's)."""
    yield
