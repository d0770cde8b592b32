"""Headless Chromium logs into the web client as admin, opens Sales and the
Mall settings page, and the pages raise no JavaScript error."""
from odoo.tests.common import HttpCase

from odoo11compat.browser import BrowserMixin


class TestWebClient(BrowserMixin, HttpCase):
    def test_admin_opens_sales_and_mall_settings(self):
        page = self.browser_login("admin", "admin")
        self.wait_for_web_client()
        self.assertIn("/web", page.url)

        sales = self.env.ref("sale.sale_menu_root")
        page.click("#oe_main_menu_navbar a[data-menu='%d']" % sales.id)
        page.wait_for_selector(".o_control_panel .breadcrumb:has-text('Quotations')")
        self.wait_for_web_client()
        # The list of quotations shows the demo orders.
        self.assertTrue(page.query_selector_all(".o_list_view .o_data_row"))

        settings = self.env.ref("mall_base.res_config_settings_action")
        page.goto("/web#action=%d" % settings.id)
        block = page.wait_for_selector(".app_settings_block[data-key='mall_base']")
        self.wait_for_web_client()
        self.assertIn("Odoo 11.0", block.inner_text())
        self.assertIn("Python", block.inner_text())
        self.assertNoConsoleErrors()

    def test_login_page_rejects_wrong_password(self):
        page = self.page
        page.goto("/web/login")
        page.fill("input[name=login]", "admin")
        page.fill("input[name=password]", "not-the-password")
        with page.expect_navigation():
            page.click("button[type=submit]")
        self.assertIn("Wrong login/password", page.inner_text(".alert-danger"))

    def test_order_dashboard_and_order_form_render(self):
        """The demo orders in the dashboard (pivot per store and status),
        the list with the status badges, an order form with its Lifecycle
        tab, for the demo customer service user."""
        page = self.browser_login("mall_cs_demo", "mall_cs_demo")
        self.wait_for_web_client()
        dashboard = self.env.ref("mall_order.sale_order_action_dashboard")
        page.goto("/web#action=%d" % dashboard.id)
        self.wait_for_web_client()
        pivot = page.wait_for_selector(".o_pivot")
        self.assertIn("Tmall", pivot.inner_text())
        self.assertIn("Awaiting payment", pivot.inner_text())

        page.goto("/web#action=%d&view_type=list" % dashboard.id)
        self.wait_for_web_client()
        page.wait_for_selector(".o_list_view .label.label-danger:has-text('After-sales')")

        order = self.env["sale.order"].search(
            [("client_order_ref", "=", "MALL-DEMO-20")])
        page.goto("/web#model=sale.order&id=%d&view_type=form" % order.id)
        self.wait_for_web_client()
        page.wait_for_selector(".o_mall_order_badges .label:has-text('After-sales')")
        page.click(".o_notebook a:has-text('Lifecycle')")
        page.wait_for_selector(".o_notebook .o_list_view td.o_data_cell:has-text('Paid')")
        self.assertNoConsoleErrors()
