"""Two withdrawal requests of the same member at the same moment, on two
real database connections: together they would overdraw the balance, so
the second waits, is retried and refused.  The data is committed in the
throwaway test database."""
import odoo
from odoo.exceptions import UserError
from odoo.tests.common import get_db_name

import pytest

from .workers import env_of, race


@pytest.fixture()
def registry():
    return odoo.registry(get_db_name())


def make_member_with_balance(registry, amount):
    with registry.cursor() as cr:
        env = env_of(cr)
        member = env["res.partner"].create({"name": "Withdrawing member"})
        order = env["sale.order"].create({"partner_id": member.id})
        env["mall.commission"].create({
            "order_id": order.id, "partner_id": member.id,
            "company_id": env.user.company_id.id, "level": 1,
            "base": amount * 20, "rate": 5.0, "original_amount": amount,
            "amount": amount, "state": "settled"})
        return member.id


def test_concurrent_withdrawals_never_overdraw(registry):
    member_id = make_member_with_balance(registry, 150.0)

    def request(env):
        member = env["res.partner"].browse(member_id)
        return env["mall.commission.withdrawal"]._mall_request(
            member, 100.0).id

    _first, outcome = race(registry, request)
    assert isinstance(outcome.get("error"), UserError), outcome
    assert outcome["retries"] >= 1
    with registry.cursor() as cr:
        cr.execute("SELECT count(*), sum(amount) FROM "
                   "mall_commission_withdrawal WHERE partner_id = %s",
                   (member_id,))
        assert cr.fetchone() == (1, 100.0)


def test_concurrent_payment_events_create_one_set_of_commissions(registry):
    """The paid event of one order handled by two workers at once (a
    payment callback and the sync job, say): one set of lines, and the
    second worker ends without an error."""
    with registry.cursor() as cr:
        env = env_of(cr)
        Partner = env["res.partner"]
        store = Partner.create({"name": "Concurrent store",
                                "mall_is_store": True})
        member = Partner.create({"name": "Concurrent member",
                                 "mall_upline_id": store.id})
        buyer = Partner.create({"name": "Concurrent buyer",
                                "mall_upline_id": member.id})
        product = env["product.product"].create({
            "name": "Concurrent tea", "type": "consu",
            "taxes_id": [(5, 0, 0)]})
        order_id = env["sale.order"].create({
            "partner_id": buyer.id,
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": 1,
                                   "price_unit": 1000.0})]}).id

    def paid_event(env):
        order = env["sale.order"].browse(order_id)
        return len(env["mall.commission"]._mall_create_for_orders(order))

    created, outcome = race(registry, paid_event)
    assert created == 3  # 2 levels + the rebate
    assert "error" not in outcome, outcome
    with registry.cursor() as cr:
        cr.execute("SELECT partner_id, level, kind, amount "
                   "FROM mall_commission WHERE order_id = %s "
                   "ORDER BY level", (order_id,))
        assert cr.fetchall() == [(store.id, 0, "rebate", 30.0),
                                 (member.id, 1, "commission", 50.0),
                                 (store.id, 2, "commission", 100.0)]
