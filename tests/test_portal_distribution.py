"""A member opens the portal in headless Chromium: their QR code, their
team over three generations with their commission from each, and a
withdrawal request."""
import re

from odoo.tests.common import HttpCase

from odoo11compat.browser import BrowserMixin

from .portal import ServerEnvMixin


class TestPortalDistribution(ServerEnvMixin, BrowserMixin, HttpCase):

    def setUp(self):
        super(TestPortalDistribution, self).setUp()
        with self.server_env() as env:
            Partner = env["res.partner"]
            self.member = Partner.create({
                "name": "门户店主", "mall_is_store": True,
                "email": "portal.store@example.com"})
            env["res.users"].create({
                "login": "mall_portal_dist", "password": "mall_portal_dist",
                "partner_id": self.member.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)]})
            upline = self.member
            for name in ("一代", "二代", "三代"):
                upline = Partner.create({"name": name,
                                         "mall_upline_id": upline.id})
            product = env["product.product"].create({
                "name": "门户分销茶", "type": "consu", "list_price": 1000.0,
                "taxes_id": [(5, 0, 0)]})
            order = env["sale.order"].create({
                "partner_id": upline.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1})]})
            order.action_confirm()
            env["mall.order.flow"].pay(order)
            # Settled: the store's level 3 commission and its rebate.
            order.mall_commission_ids.write({"state": "settled"})
            self.balance = sum(order.mall_commission_ids.filtered(
                lambda line: line.partner_id == self.member).mapped(
                    "amount"))

    def test_member_sees_qr_tree_and_requests_a_withdrawal(self):
        page = self.browser_login(
            "mall_portal_dist", "mall_portal_dist", redirect="/my")
        page.click("a[href='/my/distribution']")
        page.wait_for_selector(".o_mall_invite")
        code = page.inner_text(".o_mall_referral_code")
        self.assertEqual(len(code), 8)
        self.assertIn("/mall/invite/%s" % code,
                      page.inner_text(".o_mall_invite_url"))
        width = page.eval_on_selector(
            "img.o_mall_qr", "img => img.complete && img.naturalWidth")
        self.assertGreater(width, 50)
        for generation, name in ((1, "一代"), (2, "二代"), (3, "三代")):
            self.assertIn(name, page.inner_text(
                ".o_mall_generation_%d" % generation))
        self.assertIn("%.2f" % self.balance,
                      page.inner_text(".o_mall_balance"))
        page.fill("input[name=amount]", "100")
        with page.expect_navigation():
            page.click(".o_mall_withdraw_form button[type=submit]")
        self.assertIn("requested", page.inner_text(".o_mall_success"))
        self.assertIn("100.00", page.inner_text(".o_mall_withdrawals"))
        with self.server_env() as env:
            withdrawal = env["mall.commission.withdrawal"].search(
                [("partner_id", "=", self.member.id)])
            self.assertEqual((withdrawal.amount, withdrawal.state),
                             (100.0, "requested"))
        # Over the balance: refused with the reason, nothing created.
        page.fill("input[name=amount]", "100000")
        with page.expect_navigation():
            page.click(".o_mall_withdraw_form button[type=submit]")
        self.assertIn("at most", page.inner_text(".o_mall_error"))
        self.assertNoConsoleErrors()

    def test_visitor_signs_up_through_the_invite_link(self):
        """Over plain HTTP: a visitor follows the store's invite link, is
        sent to the sign-up form, creates an account and lands bound."""
        with self.server_env() as env:
            env["ir.config_parameter"].set_param(
                "auth_signup.allow_uninvited", "True")
            self.member._mall_ensure_referral_code()
            code = self.member.mall_referral_code
        self.opener.cookies.clear()  # a visitor, not the test's session
        response = self.url_open("/mall/invite/%s" % code)
        self.assertIn("/web/signup", response.url)
        self.assertIn("redirect=%2Fmall%2Finvite%2F" + code, response.url)
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          response.text).group(1)
        response = self.url_open("/web/signup", data={
            "csrf_token": token, "login": "invited@example.com",
            "name": "受邀新人", "password": "invited-pw-1",
            "confirm_password": "invited-pw-1",
            "redirect": "/mall/invite/%s" % code})
        # Odoo's login answers with a script that follows the redirect.
        self.assertIn("window.location = '/mall/invite/%s'" % code,
                      response.text)
        response = self.url_open("/mall/invite/%s" % code)
        self.assertIn("/my/distribution", response.url)
        self.assertIn("joined the team", response.text)
        with self.server_env() as env:
            user = env["res.users"].search(
                [("login", "=", "invited@example.com")])
            self.assertTrue(user.has_group("base.group_portal"))
            self.assertEqual(user.partner_id.mall_upline_id, self.member)
        # Following the link again changes nothing; a wrong code says so.
        response = self.url_open("/mall/invite/%s" % code)
        self.assertIn("mall_success", response.url)
        response = self.url_open("/mall/invite/NOSUCHCD")
        self.assertIn("Unknown referral code", response.text)
