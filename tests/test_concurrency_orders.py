"""Two workers on two real database connections act on the same order at
the same time: the paid event fires once, and two after-sales requests
cannot claim the same units.  The data is committed (each worker must see
it) in the throwaway test database."""
import odoo
from odoo.tests.common import get_db_name

import pytest

from .workers import env_of, race


@pytest.fixture()
def registry():
    return odoo.registry(get_db_name())


def make_delivered_order(registry, qty):
    """A paid, shipped, received order, committed; returns its id."""
    with registry.cursor() as cr:
        env = env_of(cr)
        partner = env["res.partner"].create({
            "name": "Concurrency customer", "customer": True})
        product = env["product.product"].create({
            "name": "Concurrency tea", "type": "consu", "list_price": 10.0,
            "taxes_id": [(5, 0, 0)]})
        order = env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": qty})]})
        order.action_confirm()
        flow = env["mall.order.flow"]
        flow.pay(order)
        flow.ship(order)
        order.action_mall_confirm_receipt()
        return order.id


def test_paid_event_fires_once_under_concurrency(registry):
    order_id = make_delivered_order(registry, 1.0)
    # Both workers see the order paid without its event (as when two
    # payments are reconciled at the same moment).
    with registry.cursor() as cr:
        cr.execute("UPDATE sale_order SET mall_paid_date = NULL WHERE id = %s",
                   (order_id,))
        cr.execute("DELETE FROM mall_order_event WHERE order_id = %s "
                   "AND event = 'paid'", (order_id,))

    _first, outcome = race(
        registry,
        lambda env: env["sale.order"].browse(order_id)._mall_sync_events())
    assert "error" not in outcome, outcome
    assert outcome["retries"] >= 1, "the second worker saw the first's lock"
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM mall_order_event WHERE order_id = %s "
                   "AND event = 'paid'", (order_id,))
        assert cr.fetchone()[0] == 1


def test_two_requests_cannot_claim_the_same_units(registry):
    # The request locks its order before checking quantities; creating it
    # also rewrites the order's stored status, which would serialise the
    # two transactions too.  Either way the second one is retried and
    # refused.
    order_id = make_delivered_order(registry, 5.0)

    def claim(env):
        order = env["sale.order"].browse(order_id)
        return env["mall.aftersale"].create({
            "order_id": order_id, "kind": "return", "line_ids": [(0, 0, {
                "sale_line_id": order.order_line.id, "quantity": 3.0})]}).id

    _first, outcome = race(registry, claim)
    assert "At most 2" in str(outcome.get("error")), outcome
    assert outcome["retries"] >= 1
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM mall_aftersale WHERE order_id = %s",
                   (order_id,))
        assert cr.fetchone()[0] == 1
