"""The dealer's month in the portal, in headless Chromium: the dealer
opens the month's statement and disputes it, staff see the dispute and
correct it, the dealer confirms, accounting posts, the dealer applies
for the settlement, finance pays it and closes the month (the lock date
moves).  Over plain HTTP, another dealer reaches none of
it."""
import re
from urllib.parse import quote

from odoo import fields
from odoo.tests.common import HttpCase

from odoo11compat.browser import BrowserMixin

from .portal import ServerEnvMixin


class TestPortalDealer(ServerEnvMixin, BrowserMixin, HttpCase):

    def setUp(self):
        super(TestPortalDealer, self).setUp()
        with self.server_env() as env:
            Partner = env["res.partner"]
            portal = env.ref("base.group_portal")
            self.store = env["mall.store"].create({
                "name": "门户经销门店", "code": "PDS",
                "store_type": "offline"})
            self.dealer = Partner.create({
                "name": "门户经销商", "is_company": True,
                "email": "portal.dealer@example.com",
                "mall_dealer_type": "dealer",
                "mall_dealer_store_ids": [(6, 0, self.store.ids)],
                "mall_monthly_fee": 100.0})
            self.other = Partner.create({
                "name": "另一经销商", "is_company": True,
                "email": "other.dealer@example.com",
                "mall_dealer_type": "retailer"})
            for login, partner in (("mall_portal_dealer", self.dealer),
                                   ("mall_portal_other", self.other)):
                env["res.users"].create({
                    "login": login, "password": login,
                    "partner_id": partner.id,
                    "groups_id": [(6, 0, portal.ids)]})
            env["res.users"].create({
                "name": "Finance Browser", "login": "mall_finance_dealer",
                "password": "mall_finance_dealer",
                "email": "finance.dealer@example.com",
                "groups_id": [(6, 0, env.ref(
                    "mall_base.group_mall_finance").ids)]})
            product = env["product.product"].create({
                "name": "门户经销茶", "type": "consu", "list_price": 1000.0,
                "taxes_id": [(5, 0, 0)]})
            self.order = env["sale.order"].create({
                "partner_id": env.ref("base.res_partner_2").id,
                "store_id": self.store.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 2})]})
            self.order.action_confirm()
            self.commission(env, 60.0)
            self.period = env["mall.settlement.period"]._mall_month()
            self.period.action_generate()
            self.statement = env["mall.dealer.statement"].search([
                ("partner_id", "=", self.dealer.id),
                ("period_id", "=", self.period.id)])

    def commission(self, env, amount, kind="rebate"):
        env["mall.commission"].create({
            "order_id": self.order.id, "partner_id": self.dealer.id,
            "company_id": env.user.company_id.id,
            "level": 0 if kind == "rebate" else 1,
            "kind": kind, "base": 2000.0, "rate": 3.0,
            "original_amount": amount, "amount": amount, "state": "earned",
            "earned_date": fields.Date.context_today(env.user)})

    def test_dealer_disputes_then_confirms_and_the_month_closes(self):
        page = self.browser_login(
            "mall_portal_dealer", "mall_portal_dealer", redirect="/my")
        page.click("a[href='/my/dealer']")
        page.wait_for_selector(".o_mall_dealer_dashboard")
        page.click(".o_mall_open_statement")
        page.wait_for_selector(".o_mall_statement_totals")
        # 2,000 of sales; rebate 60 less the fee of 100.
        self.assertEqual(page.inner_text(".o_mall_statement_net").strip(),
                         "-40.00")
        page.fill(".o_mall_dispute_form textarea", "佣金少算了 60")
        with page.expect_navigation():
            page.click(".o_mall_dispute_form button[type=submit]")
        self.assertIn("comment was sent", page.inner_text(".o_mall_success"))
        self.assertNoConsoleErrors()
        # Finance sees the dispute in Mall > Dealers > Statements.
        self.switch_user("mall_finance_dealer", "/web#action=%d" % (
            self.env.ref("mall_dealer.mall_dealer_statement_action").id))
        try:
            row = page.wait_for_selector(
                ".o_list_view .o_data_row:has-text('门户经销商')"
                ":has-text('Disputed')")
        except Exception:
            self.screenshot("disputed")
            raise
        row.click()
        page.wait_for_selector(".o_form_view:has-text('佣金少算了 60')")
        self.assertNoConsoleErrors()
        # The missing commission is added; the statement regenerated.
        with self.server_env() as env:
            statement = env["mall.dealer.statement"].browse(
                self.statement.id)
            self.assertEqual((statement.state, statement.dispute_note),
                             ("disputed", "佣金少算了 60"))
            self.commission(env, 60.0, kind="commission")
            env["mall.settlement.period"].browse(
                self.period.id).action_generate()
        self.switch_user("mall_portal_dealer", self.statement_url)
        self.assertEqual(page.inner_text(".o_mall_statement_net").strip(),
                         "20.00")
        with page.expect_navigation():
            page.click(".o_mall_confirm_form button[type=submit]")
        self.assertIn("Statement confirmed", page.inner_text(
            ".o_mall_success"))
        self.assertNoConsoleErrors()
        with self.server_env() as env:
            statement = env["mall.dealer.statement"].browse(
                self.statement.id)
            self.assertEqual(statement.state, "submitted")
            self.assertEqual(statement.submitted_by.login,
                             "mall_portal_dealer")
        # Finance approves and posts it in the statement's form.
        self.switch_user("mall_finance_dealer", self.statement_form)
        # (Odoo 11 gives header buttons no name attribute: by their text.)
        page.click(".o_statusbar_buttons button:visible:text-is('Approve')")
        page.click(".o_statusbar_buttons button:visible:text-is('Post')")
        page.wait_for_selector(
            ".o_statusbar_buttons button:visible:text-is('Register Payment')")
        self.assertNoConsoleErrors()
        with self.server_env() as env:
            statement = env["mall.dealer.statement"].browse(
                self.statement.id)
            self.assertEqual((statement.state, statement.posted_by.login,
                              statement.invoice_id.type,
                              statement.invoice_id.amount_total),
                             ("posted", "mall_finance_dealer", "in_invoice",
                              20.0))
            # The other dealers' statements of the month too.
            period = env["mall.settlement.period"].browse(self.period.id)
            statements = period.statement_ids
            statements.filtered(lambda s: s.state == "draft").action_submit()
            statements.filtered(
                lambda s: s.state == "submitted").action_approve()
            statements.filtered(lambda s: s.state == "approved").action_post()
        self.switch_user("mall_portal_dealer", self.statement_url)
        # The company owes the dealer 20: the dealer applies for it.
        self.assertIn("Posted", page.inner_text(".o_mall_statement_state"))
        with page.expect_navigation():
            page.click(".o_mall_apply_form button[type=submit]")
        self.assertIn("applied for the settlement",
                      page.inner_text(".o_mall_success"))
        self.assertTrue(page.is_visible(".o_mall_payout_requested"))
        self.assertNoConsoleErrors()
        # Finance sees the application and pays the bill.
        self.switch_user("mall_finance_dealer", self.statement_form)
        self.assertIn("The dealer applied for this settlement",
                      page.inner_text(".o_form_view"))
        page.click(
            ".o_statusbar_buttons button:visible:text-is('Register Payment')")
        page.click(".modal-footer button:visible:has-text('Pay')")
        page.wait_for_selector(
            ".o_statusbar_status .btn-primary:has-text('Paid')")
        self.assertNoConsoleErrors()
        with self.server_env() as env:
            statement = env["mall.dealer.statement"].browse(
                self.statement.id)
            self.assertEqual(statement.payout_requested_by.login,
                             "mall_portal_dealer")
            self.assertEqual((statement.state, statement.paid_by.login,
                              statement.invoice_id.state),
                             ("paid", "mall_finance_dealer", "paid"))
            period = env["mall.settlement.period"].browse(self.period.id)
            # The rest of the month's business, done by hand here.
            env.cr.execute("UPDATE mall_commission SET state = 'cancelled' "
                           "WHERE state = 'pending'")
            env.cr.execute("UPDATE account_payment SET state = 'reconciled' "
                           "WHERE mall_deposit_topup AND state = 'posted'")
            env.cr.execute("UPDATE mall_aftersale SET state = 'done' "
                           "WHERE state NOT IN ('done', 'rejected', "
                           "'cancel', 'refunded')")
            period.action_close()
            self.assertEqual(period.company_id.period_lock_date,
                             period.date_to)

    @property
    def statement_url(self):
        return "/my/dealer/statements/%d" % self.statement.id

    @property
    def statement_form(self):
        return ("/web#id=%d&model=mall.dealer.statement&view_type=form"
                % self.statement.id)

    def switch_user(self, login, url):
        """Sign out, sign in as ``login`` and land on ``url`` with a full
        page load (a back-office URL differs from /web only by its hash,
        which a page already on /web would not reload)."""
        self.page.goto("/web/session/logout")
        self.browser_login(login, login, redirect=quote(url, safe="/"))
        if url.startswith("/web#"):
            self.page.wait_for_function(
                "(hash) => window.location.hash.includes(hash)",
                arg=url.split("#", 1)[1])
            self.wait_for_web_client()
        else:
            self.page.wait_for_selector(".o_portal_wrap, #wrap")

    def http_login(self, login):
        """Sign in over plain HTTP (the login form, as a browser would)."""
        self.opener.cookies.clear()
        response = self.url_open("/web/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"',
                          response.text).group(1)
        response = self.url_open("/web/login", data={
            "login": login, "password": login, "csrf_token": token,
            "redirect": "/my"})
        self.assertNotIn("Wrong login", response.text)

    def test_a_dealer_reaches_only_their_own_records(self):
        self.http_login("mall_portal_other")
        for path in ("/my/dealer/statements/%d",
                     "/my/dealer/statements/%d/xlsx",
                     "/my/dealer/statements/%d/pdf"):
            response = self.url_open(path % self.statement.id)
            self.assertEqual(response.status_code, 404, path)
        response = self.url_open("/my/dealer")
        self.assertNotIn("门户经销商", response.text)
        # The back office's download applies the record rules.
        response = self.url_open("/mall_dealer/statements/%d/xlsx"
                                 % self.statement.id)
        self.assertEqual(response.status_code, 404)
        self.http_login("mall_portal_dealer")
        response = self.url_open("/my/dealer/statements/%d/xlsx"
                                 % self.statement.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content[:2], b"PK")  # a zip: XLSX
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
