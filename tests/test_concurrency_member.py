"""Two workers pay two orders of the same member with points at the same
moment, on two real database connections: together they would overdraw
the member's points, so the second waits, is retried on a fresh snapshot
and refused.  The data is committed in the throwaway test database."""
import odoo
from odoo.exceptions import UserError
from odoo.tests.common import get_db_name

import pytest

from .workers import env_of, race


@pytest.fixture()
def registry():
    return odoo.registry(get_db_name())


def test_concurrent_points_payments_never_overdraw(registry):
    with registry.cursor() as cr:
        env = env_of(cr)
        member = env["res.partner"].create({"name": "Concurrent member"})
        member.action_mall_enrol()
        env["mall.points.move"]._mall_insert([{
            "partner_id": member.id, "kind": "adjust", "points": 150,
            "available": 150, "reason": "concurrency test"}])
        product = env["product.product"].create({
            "name": "Concurrent points tea", "type": "consu",
            "taxes_id": [(5, 0, 0)]})
        order_ids = []
        for _index in range(2):
            order = env["sale.order"].create({
                "partner_id": member.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1,
                                       "price_unit": 400.0})]})
            order.action_confirm()
            order_ids.append(order.id)
        member_id = member.id

    def pay(order_id):
        return lambda env: env["sale.order"].browse(
            order_id).mall_pay_with_points(100).id

    _first, outcome = race(registry, pay(order_ids[0]), pay(order_ids[1]))
    assert isinstance(outcome.get("error"), UserError), outcome
    assert outcome["retries"] >= 1
    with registry.cursor() as cr:
        cr.execute("SELECT SUM(available), COUNT(*) FILTER "
                   "(WHERE kind = 'spend') FROM mall_points_move "
                   "WHERE partner_id = %s", (member_id,))
        assert cr.fetchone() == (50, 1)
