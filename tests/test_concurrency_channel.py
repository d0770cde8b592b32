"""Two workers import the same page of the same store at the same moment
(two real database connections): one channel order, one sale order.  The
data is committed in the throwaway test database."""
import os
import sys

import odoo
from odoo.tests.common import get_db_name

import pytest
from psycopg2.extensions import TransactionRollbackError

from .workers import env_of, race

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "addons", "mall_channel"))
from fakes.top import FakeTopServer  # noqa: E402


@pytest.fixture()
def server():
    fake = FakeTopServer().start()
    yield fake
    fake.stop()


def test_two_workers_import_the_same_page(server):
    from odoo.addons.queue_job.exception import RetryableJobError

    registry = odoo.registry(get_db_name())
    trade = server.add_order(skus=[("CONC-TEA", 1, "50.00")])
    config = server.adapter_config()
    with registry.cursor() as cr:
        env = env_of(cr)
        env["product.product"].create({
            "name": "Concurrency tea", "type": "consu",
            "default_code": "CONC-TEA", "taxes_id": [(5, 0, 0)]})
        store = env["mall.store"].create({
            "name": "Concurrency Tmall", "code": "CONC%d" % server.port,
            "store_type": "marketplace", "platform": "tmall",
            "channel_adapter": "top", "channel_endpoint": config["endpoint"],
            "channel_app_key": config["app_key"],
            "channel_app_secret": config["app_secret"],
            "channel_access_token": config["access_token"]})
        store_id = store.id
    window = ("2020-01-01 00:00:00", "2099-01-01 00:00:00")

    def import_page(env):
        return env["mall.store"].browse(store_id)._job_import_orders(*window)

    _first, outcome = race(
        registry, import_page, wait=1.5,
        retry_on=(RetryableJobError, TransactionRollbackError))
    assert "error" not in outcome, outcome
    assert outcome["retries"] >= 1
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM mall_channel_order WHERE store_id = %s"
                   " AND channel_order_id = %s", (store_id, str(trade["tid"])))
        assert cr.fetchone()[0] == 1
        cr.execute("SELECT count(*) FROM sale_order WHERE store_id = %s",
                   (store_id,))
        assert cr.fetchone()[0] == 1
