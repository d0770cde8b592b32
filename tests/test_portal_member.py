"""A member opens the portal in headless Chromium: their points, release
calendar and level, then pays part of an order with points."""
from odoo.tests.common import HttpCase

from odoo11compat.browser import BrowserMixin

from .portal import ServerEnvMixin


class TestPortalMember(ServerEnvMixin, BrowserMixin, HttpCase):

    def setUp(self):
        super(TestPortalMember, self).setUp()
        with self.server_env() as env:
            Partner = env["res.partner"]
            env.user.company_id.mall_level_review_mode = "keep"
            self.member = Partner.create({
                "name": "门户会员", "email": "portal.member@example.com"})
            self.member.action_mall_enrol()
            self.member._mall_apply_growth(600, "manual", "test")
            env["res.users"].create({
                "login": "mall_portal_member",
                "password": "mall_portal_member",
                "partner_id": self.member.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)]})
            env["mall.points.move"]._mall_insert([{
                "partner_id": self.member.id, "kind": "adjust",
                "points": 300, "available": 300, "reason": "gift"}])
            product = env["product.product"].create({
                "name": "门户积分茶", "type": "consu", "list_price": 400.0,
                "taxes_id": [(5, 0, 0)]})
            flow = env["mall.order.flow"]
            delivered = env["sale.order"].create({
                "partner_id": self.member.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1})]})
            delivered.action_confirm()
            flow.pay(delivered)
            flow.ship(delivered)
            delivered.action_mall_confirm_receipt()
            self.order = env["sale.order"].create({
                "partner_id": self.member.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1})]})
            self.order.action_confirm()
            self.order.message_subscribe([self.member.id])

    def test_member_sees_points_and_pays_with_points(self):
        page = self.browser_login(
            "mall_portal_member", "mall_portal_member", redirect="/my")
        page.click("a[href='/my/points']")
        page.wait_for_selector(".o_mall_balances")
        self.assertEqual(page.inner_text(".o_mall_available").strip(), "300")
        self.assertEqual(page.inner_text(".o_mall_pending").strip(), "400")
        self.assertEqual(page.inner_text(".o_mall_level_name").strip(),
                         "VIP2")
        self.assertIn("1400", page.inner_text(".o_mall_next_level"))
        # Keep-the-level review: VIP2 needs 500 of completed spending a
        # year; the delivered order is not completed yet.
        self.assertIn("500.00", page.inner_text(".o_mall_keep_level"))
        # 400 points over 180 days: 2 a day, the calendar lists them.
        self.assertIn("2", page.inner_text(".o_mall_calendar"))
        page.click(".o_mall_ledger_filters a[href='/my/points?kind=earned']")
        page.wait_for_selector(".o_mall_ledger")
        self.assertNotIn("gift", page.inner_text(".o_mall_ledger"))
        page.goto("/my/orders/%d" % self.order.id)
        page.wait_for_selector(".o_mall_points_form")
        self.assertEqual(page.inner_text(".o_mall_points_max").strip(),
                         "200")
        page.fill(".o_mall_points_form input[name=points]", "150")
        with page.expect_navigation():
            page.click(".o_mall_points_form button[type=submit]")
        self.assertIn("150 points paid", page.inner_text(".o_mall_success"))
        with self.server_env() as env:
            order = env["sale.order"].browse(self.order.id)
            self.assertEqual(order.mall_points_used, 150)
            self.assertEqual(order.invoice_ids.residual, 250.0)
        self.assertNoConsoleErrors()
