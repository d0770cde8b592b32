"""Two withdrawal requests of the same member at the same moment, on two
real database connections: together they would overdraw the balance, so
the second waits, is retried and refused.  The data is committed in the
throwaway test database."""
import time

import odoo
from odoo.exceptions import UserError
from odoo.tests.common import get_db_name

import pytest

from .workers import env_of, run_in_thread


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

    first = registry.cursor()
    try:
        request(env_of(first))
        thread, outcome = run_in_thread(registry, request)
        time.sleep(1.0)
        assert thread.is_alive(), "the second request must wait"
        first.commit()
    finally:
        first.close()
    thread.join(60)
    assert isinstance(outcome.get("error"), UserError), outcome
    assert outcome["retries"] >= 1
    with registry.cursor() as cr:
        cr.execute("SELECT count(*), sum(amount) FROM "
                   "mall_commission_withdrawal WHERE partner_id = %s",
                   (member_id,))
        assert cr.fetchone() == (1, 100.0)
