"""The member points engine is plain Python: its tests load it from the
module folder without an Odoo registry, as ``member_engine`` (the routing
engine is ``engine``)."""

import importlib.util
import os
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
PATH = os.path.join(ROOT, "addons", "mall_member", "engine.py")
if "member_engine" not in sys.modules:
    SPEC = importlib.util.spec_from_file_location("member_engine", PATH)
    MODULE = importlib.util.module_from_spec(SPEC)
    sys.modules["member_engine"] = MODULE
    SPEC.loader.exec_module(MODULE)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """No database: these tests need none (overrides pytest-odoo's)."""
    yield
