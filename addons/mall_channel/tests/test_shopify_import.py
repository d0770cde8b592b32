# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The same pipeline with the Shopify adapter against a fake Shopify Admin
REST server: page_info paging, a 429, fulfilment write-back."""
from ..fakes.shopify import FakeShopifyServer
from .common import MallChannelCase


class TestShopifyImport(MallChannelCase):

    @classmethod
    def setUpClass(cls):
        super(TestShopifyImport, cls).setUpClass()
        cls.server = FakeShopifyServer().start()
        cls.store = cls.env["mall.store"].create({
            "name": "Shopify abroad", "code": "SHOP",
            "store_type": "marketplace", "platform": "shopify",
            "channel_adapter": "shopify", "channel_endpoint": cls.server.url,
            "channel_access_token": cls.server.access_token,
            "channel_location_ref": str(cls.server.location_id),
            "channel_page_size": 10, "channel_rate_limit": 0})

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        super(TestShopifyImport, cls).tearDownClass()

    def test_import_pages_and_fulfil(self):
        for number in range(25):
            self.server.add_order(skus=[("TEA-LJ-250", 1, "100.00")],
                                  note="" if number else "gift wrap")
        self.server.inject("rate_limit")
        self.store.action_channel_sync_now()
        performed, retried = self.run_jobs()
        self.assertEqual((performed, retried), (3, 1))
        orders = self.env["sale.order"].search(
            [("store_id", "=", self.store.id)])
        self.assertEqual(len(orders), 25)
        self.assertEqual(orders.mapped("mall_region_id"), self.east)
        self.assertEqual(set(orders.mapped("amount_total")), {110.0})

        order = orders.filtered(lambda o: o.mall_state == "paid")[:1]
        carrier = self.env["delivery.carrier"].create({
            "name": "SF Express", "product_id": self.env[
                "product.product"].create({"name": "SF", "type": "service"}).id})
        picking = order.picking_ids
        picking.write({"carrier_id": carrier.id,
                       "carrier_tracking_ref": "SF0001"})
        self.flow.process_picking(picking)
        self.run_jobs()
        self.assertEqual(picking.mall_channel_writeback, "done")
        fulfilments = list(self.server.fulfillments.values())
        self.assertEqual(len(fulfilments), 1)
        self.assertEqual(fulfilments[0]["tracking_number"], "SF0001")
        self.assertEqual(fulfilments[0]["tracking_company"], "SF Express")
