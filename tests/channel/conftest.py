"""The channel adapters and fake marketplaces are plain Python: their
tests import them from the module folder without an Odoo registry."""
import os
import sys

import pytest

MODULE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))), "addons", "mall_channel")
if MODULE not in sys.path:
    sys.path.insert(0, MODULE)


@pytest.fixture(scope="session", autouse=True)
def load_registry():
    """No database: these tests need none (overrides pytest-odoo's)."""
    yield
