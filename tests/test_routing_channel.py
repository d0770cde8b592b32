"""An order imported from a marketplace is routed like an own-shop order:
the masked receiver keeps its province in clear, which is what routing
needs."""
from odoo.addons.mall_channel.tests.common import MallChannelCase
from odoo.addons.mall_routing.tests.common import MallRoutingCase


class TestRoutingOfImportedOrders(MallRoutingCase, MallChannelCase):

    def test_imported_order_is_routed_and_split(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_gz, self.p2, 10)
        self.file_store.channel_auto_confirm = True
        records, counts = self.receive(self.file_store, self.file_payload(
            "JD-R1", ("T-P1", 2, "100"), ("T-P2", 1, "80"),
            state="北京", city="北京市", district="朝阳区"))
        self.assertEqual(counts["created"], 1, records.error)
        order = records.sale_order_id
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_shipping_id.state_id, self.bj)
        self.assertEqual(order.mall_routing_state, "split")
        self.assertEqual(self.shipping(order), {
            self.w_bj: {self.p1: 2.0}, self.w_gz: {self.p2: 1.0}})
        self.assertTrue(order.partner_shipping_id.mall_channel_masked)
