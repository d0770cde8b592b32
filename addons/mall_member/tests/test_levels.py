# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Growth, levels and RFM: growth from completed orders and reviews,
level up and down with its history, rollback on returns, manual levels,
the yearly review and the nightly RFM scores."""
import datetime

from odoo import fields
from odoo.exceptions import AccessError

from .common import MemberCase
from .. import engine


class TestLevels(MemberCase):

    def level(self, code):
        return self.env["mall.member.level"].search([("code", "=", code)])

    def test_growth_levels_up_and_rolls_back_on_return(self):
        self.assertEqual(self.member.mall_level_id, self.level("VIP1"))
        order = self.delivered(600.0)
        order._mall_order_completed()
        self.assertEqual(self.member.mall_growth, 600)
        self.assertEqual(self.member.mall_level_id, self.level("VIP2"))
        self.assertEqual(order.mall_member_level_id, self.level("VIP2"))
        # Half returned after completion: growth rolls back, level down.
        self.refund(order, 0.5)
        self.assertEqual(self.member.mall_growth, 300)
        self.assertEqual(self.member.mall_level_id, self.level("VIP1"))
        history = self.member.mall_level_history_ids.sorted("id")
        self.assertEqual(
            [(h.old_level_id.code, h.new_level_id.code) for h in history],
            [("VIP1", "VIP2"), ("VIP2", "VIP1")])
        log = self.member.mall_growth_move_ids.sorted("id")
        self.assertEqual([(g.kind, g.amount, g.growth) for g in log],
                         [("order", 600, 600), ("rollback", -300, 300)])

    def test_level_coefficient_and_manual_level(self):
        wizard = self.env["mall.member.level.wizard"].sudo(
            self.manager).create({
                "partner_id": self.member.id,
                "level_id": self.level("VIP3").id,
                "reason": "门店大客户"})
        wizard.action_apply()
        self.assertEqual(self.member.mall_level_id, self.level("VIP3"))
        self.assertEqual(self.member.mall_level_history_ids[0].reason,
                         "门店大客户")
        order = self.delivered(1000.0)
        order._mall_order_completed()
        # Growth at the VIP3 coefficient (1.1); a manual level holds until
        # the growth changes: 1,100 is VIP2.
        self.assertEqual(self.member.mall_growth, 1100)
        self.assertEqual(self.member.mall_level_id, self.level("VIP2"))
        # The points were earned at delivery, at VIP3 (× 1.1).
        self.assertEqual(order.mall_points_grant_ids.earned, 1100)

    def test_wizards_check_the_caller_group(self):
        """The wizards write as superuser: the group check is theirs."""
        wizards = (
            ("mall.member.level.wizard", {
                "partner_id": self.member.id,
                "level_id": self.level("VIP5").id, "reason": "x"}),
            ("mall.points.adjust.wizard", {
                "partner_id": self.member.id, "points": 1000,
                "reason": "x"}))
        for model, values in wizards:
            wizard = self.env[model].sudo(self.cs).create(values)
            with self.assertRaises(AccessError):
                wizard.action_apply()
        order = self.order(100.0)
        pay = self.env["mall.points.pay.wizard"].sudo(self.wh).create(
            {"order_id": order.id, "points": 1})
        with self.assertRaises(AccessError):
            pay.action_apply()
        self.assertEqual(self.member.mall_level_id, self.level("VIP1"))
        self.assertEqual(self.available(), 0)

    def test_review_growth_and_points(self):
        order = self.delivered(200.0)
        line = order.order_line
        self.assertEqual(self.member._mall_review_approved(line), 20)
        self.assertEqual(self.member._mall_review_approved(line), 0)
        self.assertEqual(self.member.mall_growth, 20)
        self.assertEqual(self.available(), 10)
        cheap = self.delivered(150.0)  # 10 items of 15: below 20
        self.assertEqual(self.member._mall_review_approved(
            cheap.order_line), 0)

    def test_yearly_review_deducts_or_requires_spending(self):
        self.member._mall_apply_growth(2100, "manual", "test")
        self.assertEqual(self.member.mall_level_id, self.level("VIP3"))
        Job = self.env["mall.member.job"]
        self.company.mall_level_review_mode = "deduct"
        Job._cron_mall_level_review()
        # VIP3 deducts 300: 1,800 is VIP2.
        self.assertEqual(self.member.mall_growth, 1800)
        self.assertEqual(self.member.mall_level_id, self.level("VIP2"))
        self.company.mall_level_review_mode = "keep"
        Job._cron_mall_level_review()
        # VIP2 needs 500 of spending a year: none, one level down.
        self.assertEqual(self.member.mall_level_id, self.level("VIP1"))

    def test_rfm_scores_match_the_engine(self):
        Partner = self.env["res.partner"]
        today = datetime.date(2026, 11, 1)
        # (days since last order, orders this year, amount each, orders
        # the year before)
        specs = [(5, 6, 100.0, 6), (20, 4, 300.0, 2), (40, 3, 50.0, 8),
                 (90, 2, 500.0, 2), (200, 1, 80.0, 4), (300, 1, 20.0, 0),
                 (10, 5, 100.0, 1), (60, 2, 150.0, 1), (None, 0, 0, 0),
                 (400, 0, 0.0, 3)]
        members = Partner
        rows = []
        for index, (last, count, amount, before) in enumerate(specs):
            member = Partner.create({"name": "RFM %d" % index})
            member.action_mall_enrol()
            members |= member
            dates = []
            if last is not None:
                dates = [today - datetime.timedelta(days=last + 7 * i)
                         for i in range(count)]
                if count == 0:
                    dates = [today - datetime.timedelta(days=last)]
                dates += [today - datetime.timedelta(days=400 + 10 * i)
                          for i in range(before)]
            for day in dates:
                order = self.order(amount or 1.0, partner=member,
                                   confirm=False)
                self.env.cr.execute(
                    "UPDATE sale_order SET mall_completed_date = %s "
                    "WHERE id = %s", (fields.Datetime.to_string(
                        datetime.datetime.combine(
                            day, datetime.time(12))), order.id))
            last_order = max(dates) if dates else None
            recent = [d for d in dates if (today - d).days <= 365]
            rows.append(engine.RfmInput(
                member.id, last_order, len(recent),
                sum(amount or 1.0 for _d in recent),
                len([d for d in dates if 365 < (today - d).days <= 730])))
        # Score these members alone: the other members of the database
        # would change the quintiles.
        Partner.search([("mall_is_member", "=", True),
                        ("id", "not in", members.ids)]).sudo().write(
                            {"mall_is_member": False})
        self.env["mall.member.job"]._cron_mall_rfm(today=fields.Date.to_string(today))
        expected = {score.member_id: score
                    for score in engine.rfm_scores(rows, today)}
        members.invalidate_cache()
        for member in members:
            score = expected[member.id]
            self.assertEqual(
                (member.mall_rfm_r, member.mall_rfm_f, member.mall_rfm_m,
                 member.mall_rfm_segment, member.mall_rfm_winback),
                (score.r, score.f, score.m, score.segment, score.winback),
                member.name)
        # Known quintiles: the most recent buyer has R 5, the one who
        # never ordered R 1; F fell from 8 to 3: win-back.
        by_name = {m.name: m for m in members}
        self.assertEqual(by_name["RFM 0"].mall_rfm_r, 5)
        self.assertEqual(by_name["RFM 8"].mall_rfm_r, 1)
        self.assertTrue(by_name["RFM 2"].mall_rfm_winback)
        self.assertFalse(by_name["RFM 1"].mall_rfm_winback)
