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
