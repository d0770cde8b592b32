# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Binding through invite links: permanent by default, re-binding after
the protection period, lapsing after the validity; the recruitment
analysis."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError

from .test_commission import DistributionCase


class TestBinding(DistributionCase):

    @classmethod
    def setUpClass(cls):
        super(TestBinding, cls).setUpClass()
        cls.company.write({"mall_binding_validity_days": 0,
                           "mall_binding_rebind": False,
                           "mall_binding_protection_days": 15,
                           "mall_recruit_threshold": 0.0})
        (cls.store | cls.u1)._mall_ensure_referral_code()
        cls.newcomer = cls.env["res.partner"].create({"name": "新会员"})

    def age_binding(self, partner, days):
        partner.sudo().mall_bound_date = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now())
            - timedelta(days=days))

    def moves(self, partner):
        return self.env["mall.referral.move"].search(
            [("partner_id", "=", partner.id)], order="id")

    def test_permanent_binding_refuses_another_upline(self):
        self.newcomer._mall_bind(self.u1.mall_referral_code)
        self.age_binding(self.newcomer, 400)
        with self.assertRaisesRegex(UserError, "permanent"):
            self.newcomer._mall_bind(self.store.mall_referral_code)
        self.assertEqual(self.newcomer.mall_upline_id, self.u1)
        with self.assertRaises(UserError):
            self.u1._mall_bind(self.u1.mall_referral_code)
        with self.assertRaises(UserError):
            self.newcomer._mall_bind("NOSUCHCD")

    def test_rebinding_after_the_protection_period(self):
        self.company.mall_binding_rebind = True
        self.newcomer._mall_bind(self.u1.mall_referral_code)
        self.age_binding(self.newcomer, 14)
        with self.assertRaisesRegex(UserError, "protection"):
            self.newcomer._mall_bind(self.store.mall_referral_code)
        self.assertEqual(self.newcomer.mall_upline_id, self.u1)
        self.age_binding(self.newcomer, 16)
        self.assertEqual(
            self.newcomer._mall_bind(self.store.mall_referral_code),
            self.store)
        self.assertEqual(self.newcomer.mall_referral_path, "/%d/%d/%d/" % (
            self.top.id, self.store.id, self.newcomer.id))
        move = self.moves(self.newcomer)
        self.assertEqual((move.old_upline_id, move.new_upline_id),
                         (self.u1, self.store))
        # A new binding starts a new protection period.
        with self.assertRaises(UserError):
            self.newcomer._mall_bind(self.u1.mall_referral_code)

    def test_lapsed_binding_earns_nothing_and_is_unbound(self):
        self.company.mall_binding_validity_days = 365
        self.age_binding(self.u2, 366)
        # B → U2 is still valid; U2 → U1 lapsed: the chain stops at U2.
        self.assertEqual(self.buyer._mall_chain(), [(self.u2.id, False)])
        order = self.paid_order()
        self.assertEqual(self.amounts(order),
                         {(self.u2, "commission", 1): 50.0})
        self.age_binding(self.buyer, 366)
        self.assertEqual(self.buyer._mall_chain(), [])
        self.assertEqual(
            self.env["res.partner"]._cron_mall_binding_lapse(), 2)
        self.assertFalse(self.u2.mall_upline_id)
        self.assertFalse(self.buyer.mall_upline_id)
        self.assertEqual(self.buyer.mall_referral_path,
                         "/%d/" % self.buyer.id)
        self.assertEqual(self.moves(self.buyer).old_upline_id, self.u2)
        self.assertEqual(
            self.env["res.partner"]._cron_mall_binding_lapse(), 0)
        # Unbound, the member may follow a new link.
        self.assertEqual(self.buyer._mall_bind(self.u1.mall_referral_code),
                         self.u1)

    def test_recruitment_analysis(self):
        self.newcomer._mall_bind(self.u1.mall_referral_code)
        order = self.paid_order(partner=self.u2, qty=3.0)
        self.flow.ship(order)
        order.action_mall_confirm_receipt()
        Report = self.env["mall.referral.report"]
        rows = Report.read_group(
            [("upline_id", "=", self.u1.id)],
            ["upline_id", "nbr", "spending", "commission",
             "can_recruit_count"],
            ["upline_id"])
        self.assertEqual(len(rows), 1)
        # U1 recruited U2 (who recruited B and spent 300) and the newcomer.
        self.assertEqual(
            (rows[0]["nbr"], rows[0]["can_recruit_count"],
             rows[0]["spending"], rows[0]["commission"]),
            (2, 1, 300.0, 15.0))
        self.assertEqual(
            Report.search([("upline_id", "=", self.store.id)]).partner_id,
            self.u1)
