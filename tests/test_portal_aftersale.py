"""A portal customer opens a delivered order in headless Chromium, sees its
status, files a return with a photo, and customer service finds the request
in the back office."""
import base64

from odoo.tests.common import HttpCase

from odoo11compat.browser import BrowserMixin

from .portal import ServerEnvMixin

# A 1×1 PNG: the photo of the damaged goods.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGA"
    "hKmMIQAAAABJRU5ErkJggg==")


class TestPortalAfterSale(ServerEnvMixin, BrowserMixin, HttpCase):

    def setUp(self):
        super(TestPortalAfterSale, self).setUp()
        with self.server_env() as env:
            self._make_fixtures(env)

    def _make_fixtures(self, env):
        flow = env["mall.order.flow"]
        self.customer = env["res.partner"].create({
            "name": "门户客户 Portal Customer", "customer": True,
            "email": "portal.customer@example.com",
            "country_id": env.ref("base.cn").id,
            "state_id": env.ref("l10n_cn.state_SH").id,
        })
        env["res.users"].create({
            "login": "mall_portal_browser", "password": "mall_portal_browser",
            "partner_id": self.customer.id,
            "groups_id": [(6, 0, env.ref("base.group_portal").ids)],
        })
        env["res.users"].create({
            "name": "CS Browser", "login": "mall_cs_browser",
            "password": "mall_cs_browser", "email": "cs@example.com",
            "groups_id": [(6, 0, env.ref(
                "mall_base.group_mall_customer_service").ids)],
        })
        product = env["product.product"].create({
            "name": "Portal Test Tea", "type": "consu", "list_price": 80.0,
            "taxes_id": [(5, 0, 0)]})
        order = env["sale.order"].create({
            "partner_id": self.customer.id,
            "order_line": [(0, 0, {"product_id": product.id,
                                   "product_uom_qty": 5.0})],
        })
        order.action_confirm()
        flow.pay(order)
        flow.ship(order)
        order.action_mall_confirm_receipt()
        self.order_id = order.id
        self.line_id = order.order_line.id
        unpaid = order.copy()
        unpaid.action_confirm()
        self.unpaid_id = unpaid.id
        self.unpaid_line_id = unpaid.order_line.id

    def test_customer_files_return_and_back_office_sees_it(self):
        page = self.browser_login(
            "mall_portal_browser", "mall_portal_browser", redirect="/my")
        page.goto("/my/orders/%d" % self.order_id)
        self.assertIn("Delivered", page.inner_text(".o_mall_order_lifecycle"))

        page.click("a.o_mall_aftersale_new")
        page.wait_for_selector("form.o_mall_aftersale_form")
        page.select_option("select[name=kind]", "return")
        page.select_option("select[name=reason]", "quality")
        page.fill("input[name=qty_%d]" % self.line_id, "2")
        page.fill("textarea[name=description]", "茶叶受潮")
        page.set_input_files("input[name=attachments]", files=[{
            "name": "damp-tea.png", "mimeType": "image/png", "buffer": PNG}])
        with page.expect_navigation():
            page.click("button.o_mall_aftersale_submit")

        with self.server_env() as env:
            request = env["mall.aftersale"].search(
                [("order_id", "=", self.order_id)])
            self.assertEqual(len(request), 1)
            name = request.name
            self.assertIn("/my/aftersales/%d" % request.id, page.url)
            self.assertEqual(request.source, "portal")
            self.assertEqual(request.state, "draft")
            self.assertEqual(request.line_ids.quantity, 2.0)
            self.assertEqual(request.attachment_ids.mapped("name"),
                             ["damp-tea.png"])
            self.assertEqual(request.order_id.mall_state, "after_sales")
        self.assertIn(name, page.inner_text(".o_mall_aftersale_page"))

        # Too many units: a clear error on the form, nothing created.
        page.goto("/my/orders/%d/aftersale" % self.order_id)
        page.fill("input[name=qty_%d]" % self.line_id, "4")
        with page.expect_navigation():
            page.click("button.o_mall_aftersale_submit")
        self.assertIn("At most 3", page.inner_text(".o_mall_error"))
        with self.server_env() as env:
            self.assertEqual(env["mall.aftersale"].search_count(
                [("order_id", "=", self.order_id)]), 1)
        self.assertNoConsoleErrors()

        # Customer service sees it in Mall > After-Sales.
        page.goto("/web/session/logout")
        self.browser_login("mall_cs_browser", "mall_cs_browser")
        action = self.env.ref("mall_order.mall_aftersale_action")
        page.goto("/web#action=%d" % action.id)
        self.wait_for_web_client()
        # The row and its state label: the label is waited for too, as a
        # CI run once read the row before its state cell was filled in.
        row = page.wait_for_selector(
            ".o_list_view .o_data_row:has-text('%s'):has-text('Requested')"
            % name)
        self.assertIn(name, row.inner_text())
        self.assertIn("Requested", row.inner_text())
        self.assertNoConsoleErrors()

    def test_customer_changes_unpaid_order(self):
        page = self.browser_login(
            "mall_portal_browser", "mall_portal_browser", redirect="/my")
        page.goto("/my/orders/%d" % self.unpaid_id)
        counter = page.inner_text(".o_mall_edit_counter")
        self.assertIn("0 of 3", counter)
        page.fill("input[name=qty_%d]" % self.unpaid_line_id, "3")
        with page.expect_navigation():
            page.click("form.o_mall_edit_form button[type=submit]")
        self.assertIn("Your order has been changed",
                      page.inner_text(".o_mall_success"))
        self.assertIn("1 of 3", page.inner_text(".o_mall_edit_counter"))
        with self.server_env() as env:
            order = env["sale.order"].browse(self.unpaid_id)
            self.assertEqual(order.order_line.product_uom_qty, 3.0)
            self.assertEqual(order.amount_total, 240.0)
            self.assertEqual(order.mall_edit_count, 1)
        # The paid order offers no change form.
        page.goto("/my/orders/%d" % self.order_id)
        self.assertFalse(page.query_selector("form.o_mall_edit_form"))
        self.assertNoConsoleErrors()
