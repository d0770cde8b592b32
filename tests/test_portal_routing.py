"""A portal customer sees, on a quotation, where it would ship from and
when it would arrive (pre-dispatch), and on the confirmed order where it
ships from; in headless Chromium."""
from odoo.tests.common import HttpCase

from odoo11compat.browser import BrowserMixin

from .portal import ServerEnvMixin


class TestPortalRouting(ServerEnvMixin, BrowserMixin, HttpCase):

    def setUp(self):
        super(TestPortalRouting, self).setUp()
        with self.server_env() as env:
            beijing = env.ref("l10n_cn.state_BJ")
            customer = env["res.partner"].create({
                "name": "门户北京客户", "customer": True,
                "email": "portal.bj@example.com",
                "country_id": env.ref("base.cn").id, "state_id": beijing.id})
            env["res.users"].create({
                "login": "mall_portal_routing",
                "password": "mall_portal_routing",
                "partner_id": customer.id,
                "groups_id": [(6, 0, env.ref("base.group_portal").ids)]})
            env.user.company_id.mall_routing_enabled = True
            warehouse = env["stock.warehouse"].create({
                "name": "门户测试仓", "code": "PTW",
                "mall_area_ids": [(0, 0, {
                    "country_id": env.ref("base.cn").id,
                    "state_id": beijing.id, "level": "1",
                    "lead_days": 2})]})
            product = env["product.product"].create({
                "name": "门户测试茶", "type": "product", "list_price": 80.0,
                "taxes_id": [(5, 0, 0)]})
            env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 10)
            quotation = env["sale.order"].create({
                "partner_id": customer.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 2.0})]})
            quotation.state = "sent"
            # Sent to the customer: a follower, so the portal shows it.
            quotation.message_subscribe([customer.id])
            self.quotation_id = quotation.id
            order = quotation.copy()
            order.action_confirm()
            self.order_id = order.id

    def test_quotation_shows_warehouse_and_expected_arrival(self):
        page = self.browser_login(
            "mall_portal_routing", "mall_portal_routing", redirect="/my")
        page.goto("/my/orders/%d" % self.quotation_id)
        text = page.inner_text(".o_mall_routing")
        self.assertIn("Expected arrival if confirmed today", text)
        self.assertIn("门户测试仓", text)
        page.goto("/my/orders/%d" % self.order_id)
        text = page.inner_text(".o_mall_routing")
        self.assertIn("Ships from", text)
        self.assertIn("门户测试仓", text)
        self.assertNoConsoleErrors()
