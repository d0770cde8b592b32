# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End to end over real HTTP: fake TOP (Taobao/Tmall) servers on 127.0.0.1,
the TOP adapter, queue_job jobs, channel orders, sale orders."""
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from ..fakes.top import FakeTopServer, beijing_now
from .common import MallChannelCase


class TestTopImport(MallChannelCase):

    @classmethod
    def setUpClass(cls):
        super(TestTopImport, cls).setUpClass()
        cls.servers = []
        cls.stores = cls.env["mall.store"]
        for index in range(3):
            server = FakeTopServer().start()
            cls.servers.append(server)
            config = server.adapter_config()
            cls.stores |= cls.env["mall.store"].create({
                "name": "Tmall shop %d" % index, "code": "TM%d" % index,
                "store_type": "marketplace", "platform": "tmall",
                "channel_adapter": "top", "channel_endpoint": config["endpoint"],
                "channel_app_key": config["app_key"],
                "channel_app_secret": config["app_secret"],
                "channel_access_token": config["access_token"],
                "channel_page_size": 25, "channel_rate_limit": 0})

    @classmethod
    def tearDownClass(cls):
        for server in cls.servers:
            server.stop()
        super(TestTopImport, cls).tearDownClass()

    def setUp(self):
        super(TestTopImport, self).setUp()
        for server in self.servers:
            server.reset()

    def run_jobs(self, limit=200):
        """Perform pending jobs like the job runner: a RetryableJobError
        puts the job back to pending (its retry counted)."""
        performed, retried = 0, 0
        while performed + retried < limit:
            record = self.env["queue.job"].search(
                [("state", "=", "pending")], order="id", limit=1)
            if not record:
                break
            job = Job.load(self.env, record.uuid)
            job.set_started()
            try:
                job.perform()
            except RetryableJobError:
                # perform() counted the retry.
                job.set_pending(reset_retry=False)
                job.store()
                retried += 1
                continue
            job.set_done()
            job.store()
            performed += 1
        return performed, retried

    def sale_orders(self, store):
        return self.env["sale.order"].search([("store_id", "=", store.id)])

    def test_import_200_orders_of_3_stores_with_paging(self):
        for server, count in zip(self.servers, (70, 70, 60)):
            for number in range(count):
                server.add_order(skus=[
                    ("TEA-LJ-250" if number % 2 else "CAKE-01", 1, "100.00")])
        self.stores.action_channel_sync_now()
        performed, retried = self.run_jobs()
        # 3 + 3 + 3 pages of 25.
        self.assertEqual(performed, 9)
        self.assertEqual(retried, 0)
        for store, count in zip(self.stores, (70, 70, 60)):
            self.assertEqual(len(self.sale_orders(store)), count)
            self.assertTrue(store.channel_synced_until)
        ChannelOrder = self.env["mall.channel.order"]
        self.assertEqual(ChannelOrder.search_count(
            [("store_id", "in", self.stores.ids)]), 200)
        # Masked receivers kept as the platform gave them, the province in
        # clear gives the sales region.
        order = self.sale_orders(self.stores[0])[:1]
        self.assertIn("*", order.partner_shipping_id.name)
        self.assertEqual(order.mall_region_id, self.east)
        self.assertEqual(order.mall_state, "paid")

        # Importing the same window again: nothing new, nothing duplicated.
        since = "2020-01-01 00:00:00"
        self.stores[0]._job_import_orders(since, "2099-01-01 00:00:00")
        self.run_jobs()
        self.assertEqual(len(self.sale_orders(self.stores[0])), 70)
        self.assertEqual(ChannelOrder.search_count(
            [("store_id", "in", self.stores.ids)]), 200)
        logs = self.env["mall.channel.sync.log"].search(
            [("store_id", "=", self.stores[0].id)])
        self.assertEqual(sum(logs.mapped("created")), 70)

    def test_update_and_cancel_before_shipment(self):
        server, store = self.servers[0], self.stores[0]
        trade = server.add_order(skus=[("TEA-LJ-250", 4, "100.00")],
                                 status="WAIT_BUYER_PAY")
        store.action_channel_sync_now()
        self.run_jobs()
        order = self.sale_orders(store)
        self.assertEqual(order.mall_state, "to_pay")
        self.assertEqual(self.reserved(self.tea), 4.0)

        server.update_order(trade["tid"], status="WAIT_SELLER_SEND_GOODS",
                            pay_time=beijing_now())
        store._job_import_orders("2020-01-01 00:00:00", "2099-01-01 00:00:00")
        self.run_jobs()
        self.assertEqual(order.mall_state, "paid")

        server.update_order(trade["tid"], status="TRADE_CLOSED")
        store._job_import_orders("2020-01-01 00:00:00", "2099-01-01 00:00:00")
        self.run_jobs()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self.reserved(self.tea), 0.0)
        self.assertEqual(len(self.sale_orders(store)), 1)

    def test_5xx_then_success_lands_once(self):
        server, store = self.servers[1], self.stores[1]
        server.add_order(skus=[("TEA-LJ-250", 1, "100.00")])
        server.inject("5xx")
        server.inject("rate_limit")
        server.inject("malformed")
        store.action_channel_sync_now()
        performed, retried = self.run_jobs()
        self.assertEqual(retried, 3)
        self.assertEqual(performed, 1)
        self.assertEqual(len(self.sale_orders(store)), 1)

    def test_same_page_not_queued_twice(self):
        store = self.stores[2]
        store.action_channel_sync_now()
        store.action_channel_sync_now()
        self.assertEqual(self.env["queue.job"].search_count(
            [("state", "=", "pending"),
             ("channel", "=", "root.mall_channel.TM2")]), 1)

    def test_unknown_sku_error_fixed_and_retried(self):
        server, store = self.servers[2], self.stores[2]
        trade = server.add_order(skus=[("TM-GIFT", 1, "88.00")])
        store.action_channel_sync_now()
        self.run_jobs()
        record = self.channel_order(store, str(trade["tid"]))
        self.assertEqual(record.state, "error")
        self.assertIn("TM-GIFT", record.error)
        self.env["mall.channel.sku"].create({
            "store_id": store.id, "code": "TM-GIFT",
            "line_ids": [(0, 0, {"product_id": self.tea.id, "quantity": 1})]})
        record.action_retry()
        self.assertEqual(record.state, "done")
        self.assertEqual(record.sale_order_id.order_line.filtered(
            lambda rec: rec.product_id == self.tea).product_uom_qty, 1.0)
