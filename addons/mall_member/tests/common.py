# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields

from odoo.addons.mall_order.tests.common import MallOrderCase


class MemberCase(MallOrderCase):
    """A member (VIP1) and the default programme settings."""

    @classmethod
    def setUpClass(cls):
        super(MemberCase, cls).setUpClass()
        cls.company.write({
            "mall_point_value": 1.0, "mall_points_release_days": 180,
            "mall_points_cap_percent": 50.0, "mall_points_expiry_years": 2,
            "mall_points_review": True, "mall_points_review_points": 10,
            "mall_points_sign_in": False, "mall_level_review_mode": "none"})
        cls.member = cls.env["res.partner"].create({
            "name": "会员 张三", "customer": True,
            "email": "member.zhang@example.com"})
        cls.member.action_mall_enrol()
        cls.Move = cls.env["mall.points.move"]
        cls.Grant = cls.env["mall.points.grant"]

    def order(self, amount, partner=None, confirm=True):
        order = self.env["sale.order"].create({
            "partner_id": (partner or self.member).id,
            "order_line": [(0, 0, {"product_id": self.tea.id,
                                   "product_uom_qty": 10.0,
                                   "price_unit": amount / 10.0})]})
        if confirm:
            order.action_confirm()
        return order

    def delivered(self, amount, partner=None):
        order = self.order(amount, partner)
        self.flow.pay(order)
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        return order

    def balances(self, partner=None):
        partner = partner or self.member
        return partner._mall_points_balances().get(
            partner.id, (0, 0, 0, 0, 0))

    def available(self, partner=None):
        return self.balances(partner)[1]

    def give(self, points, day=None, partner=None):
        """Released points, as if released on ``day``."""
        row = {"partner_id": (partner or self.member).id, "kind": "adjust",
               "points": points, "available": points, "reason": "test"}
        if day:
            row["day"] = day
        return self.Move._mall_insert([row])

    def day(self, offset, start=None):
        start = fields.Date.from_string(
            start or fields.Date.context_today(self.env.user))
        return fields.Date.to_string(start + timedelta(days=offset))

    def refund(self, order, quantity_share):
        """An approved refund of a share of the order's only line."""
        line = order.order_line[0]
        request = self.env["mall.aftersale"].create({
            "order_id": order.id, "kind": "refund", "reason": "quality",
            "line_ids": [(0, 0, {
                "sale_line_id": line.id,
                "quantity": line.product_uom_qty * quantity_share})]})
        request.action_approve()
        request.refund_invoice_id.action_invoice_open()
        return request
