"""Points are a payment: the part of an order paid with points earns no
commission for the uplines (mall_member and mall_distribution
together)."""
from odoo.addons.mall_member.tests.common import MemberCase


class TestPointsAndCommissions(MemberCase):

    def test_points_paid_part_earns_no_commission(self):
        self.company.write({
            "mall_commission_rate_1": 5.0, "mall_commission_rate_2": 10.0,
            "mall_commission_rate_3": 15.0, "mall_commission_levels": 3,
            "mall_commission_compliance": False, "mall_hq_rebate_rate": 3.0,
            "mall_commission_self_purchase": False})
        Partner = self.env["res.partner"]
        store = Partner.create({"name": "积分门店", "is_company": True,
                                "mall_is_store": True})
        upline = Partner.create({"name": "积分上级",
                                 "mall_upline_id": store.id})
        self.member.mall_upline_id = upline
        self.give(500)
        order = self.order(1000.0)
        order.mall_pay_with_points(400)
        self.flow.register_payment(order.invoice_ids)
        self.assertEqual(order._mall_points_paid(), 400.0)
        amounts = {(line.partner_id, line.kind, line.level): line.amount
                   for line in order.mall_commission_ids}
        # Base 1,000 - 400 paid with points = 600.
        self.assertEqual(amounts, {
            (upline, "commission", 1): 30.0,
            (store, "commission", 2): 60.0,
            (store, "rebate", 0): 18.0})
