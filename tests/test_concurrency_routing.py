"""Two workers confirm orders at the same moment on two real database
connections while a warehouse has one order of capacity left today: the
second waits for the first, is retried and goes to the next warehouse.  The data is
committed in the throwaway test database."""
import uuid

import odoo
from odoo.tests.common import get_db_name

import pytest

from .workers import env_of, race


@pytest.fixture()
def registry():
    return odoo.registry(get_db_name())


def make_fixtures(registry):
    suffix = uuid.uuid4().hex[:3].upper()
    with registry.cursor() as cr:
        env = env_of(cr)
        env.user.company_id.mall_routing_enabled = True
        beijing = env.ref("l10n_cn.state_BJ")
        cn = env.ref("base.cn")
        # Two products and two customers: the orders share nothing but
        # the warehouses, so only the capacity lock can make one wait.
        products = [env["product.product"].create({
            "name": "Capacity tea %s %d" % (suffix, index), "type": "product",
            "taxes_id": [(5, 0, 0)]}) for index in range(2)]
        warehouses = []
        for name, capacity, sequence in (("capped", 1, 1), ("next", 0, 2)):
            warehouse = env["stock.warehouse"].create({
                "name": "Capacity %s %s" % (name, suffix),
                "code": "C%s%s" % (name[0].upper(), suffix),
                "mall_capacity": capacity, "mall_sequence": sequence,
                "mall_area_ids": [(0, 0, {
                    "country_id": cn.id, "state_id": beijing.id,
                    "level": "1"})]})
            for product in products:
                env["stock.quant"]._update_available_quantity(
                    product, warehouse.lot_stock_id, 10)
            warehouses.append(warehouse.id)
        orders = []
        for index, product in enumerate(products):
            customer = env["res.partner"].create({
                "name": "Capacity customer %d" % index, "customer": True,
                "country_id": cn.id, "state_id": beijing.id})
            orders.append(env["sale.order"].create({
                "partner_id": customer.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1})]}).id)
        return warehouses, orders


def test_two_workers_do_not_overfill_a_warehouse(registry):
    (capped, following), (first_id, second_id) = make_fixtures(registry)
    _first, outcome = race(
        registry,
        lambda env: env["sale.order"].browse(first_id).action_confirm(),
        lambda env: env["sale.order"].browse(second_id).action_confirm())
    assert "error" not in outcome, outcome
    assert outcome["retries"] >= 1, "retried on a fresh snapshot"
    with registry.cursor() as cr:
        cr.execute("SELECT order_id, mall_warehouse_id FROM sale_order_line "
                   "WHERE order_id IN %s", ((first_id, second_id),))
        routed = dict(cr.fetchall())
    assert routed == {first_id: capped, second_id: following}
