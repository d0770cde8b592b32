"""Two orders of the same dealer confirmed at the same moment, on two real
database connections: each fits the deposit alone, together they would
overdraw it, so the second waits, is retried on a fresh snapshot and
refused.  The data is committed in the throwaway test database."""
import odoo
from odoo.exceptions import UserError
from odoo.tests.common import get_db_name

import pytest

from .workers import env_of, race


@pytest.fixture()
def registry():
    return odoo.registry(get_db_name())


def two_orders(registry):
    """A dealer with 1,000 on deposit and two draft orders of 700."""
    with registry.cursor() as cr:
        env = env_of(cr)
        dealer = env["res.partner"].create({
            "name": "Concurrent dealer", "is_company": True,
            "mall_dealer_type": "dealer", "mall_deposit_required": True})
        bank = env["account.journal"].search([("type", "=", "bank")],
                                             limit=1)
        env["account.payment"].create({
            "payment_type": "inbound", "partner_type": "customer",
            "partner_id": dealer.id, "amount": 1000.0,
            "journal_id": bank.id, "mall_deposit_topup": True,
            "payment_method_id": env.ref(
                "account.account_payment_method_manual_in").id}).post()
        product = env["product.product"].create({
            "name": "Concurrent dealer tea", "type": "consu",
            "taxes_id": [(5, 0, 0)]})
        order_ids = []
        for _index in range(2):
            order_ids.append(env["sale.order"].create({
                "partner_id": dealer.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1,
                                       "price_unit": 700.0})]}).id)
        dealer_id = dealer.id
    return dealer_id, order_ids


def test_concurrent_confirmations_never_overdraw_the_deposit(registry):
    dealer_id, order_ids = two_orders(registry)

    def confirm(order_id):
        return lambda env: env["sale.order"].browse(order_id).action_confirm()

    _first, outcome = race(registry, confirm(order_ids[0]),
                           confirm(order_ids[1]))
    assert isinstance(outcome.get("error"), UserError), outcome
    assert outcome["retries"] >= 1
    assert_one_frozen(registry, dealer_id, order_ids)


def assert_one_frozen(registry, dealer_id, order_ids,
                      states=("sale", "draft")):
    states = list(states)
    with registry.cursor() as cr:
        cr.execute("SELECT SUM(available), SUM(frozen) FROM "
                   "mall_dealer_deposit_move WHERE partner_id = %s",
                   (dealer_id,))
        assert cr.fetchone() == (300.0, 700.0)
        cr.execute("SELECT state FROM sale_order WHERE id = ANY(%s) "
                   "ORDER BY id", (order_ids,))
        assert [row[0] for row in cr.fetchall()] == states


def test_concurrent_freezes_wait_on_the_dealer_row(registry):
    """The freeze alone, without the rest of the confirmation: a full
    confirmation also writes other rows both workers share, which
    serialise the race above even without the dealer's row lock; here
    only that lock can (this test fails without it)."""
    dealer_id, order_ids = two_orders(registry)

    def freeze(order_id):
        return lambda env: env["sale.order"].browse(
            order_id)._mall_deposit_freeze()

    _first, outcome = race(registry, freeze(order_ids[0]),
                           freeze(order_ids[1]))
    assert isinstance(outcome.get("error"), UserError), outcome
    assert outcome["retries"] >= 1
    assert_one_frozen(registry, dealer_id, order_ids,
                      states=("draft", "draft"))
