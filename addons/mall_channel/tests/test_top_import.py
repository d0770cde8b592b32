# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""End to end over real HTTP: fake TOP (Taobao/Tmall) servers on 127.0.0.1,
the TOP adapter, queue_job jobs, channel orders, sale orders."""
from odoo.exceptions import UserError

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

    @staticmethod
    def forms(server, method):
        return [request["form"] for request in server.requests
                if request["form"].get("method") == method]

    def top_carrier(self, name, code):
        return self.env["delivery.carrier"].create({
            "name": name, "product_id": self.env["product.product"].create({
                "name": name, "type": "service"}).id,
            "mall_channel_code_ids": [(0, 0, {"channel_adapter": "top",
                                              "code": code})]})

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

    def test_shipment_written_back_once_despite_a_failure(self):
        server, store = self.servers[0], self.stores[0]
        trade = server.add_order(skus=[("TEA-LJ-250", 2, "100.00")])
        store.action_channel_sync_now()
        self.run_jobs()
        order = self.sale_orders(store)
        carrier = self.top_carrier("顺丰速运", "SF")
        picking = order.picking_ids
        picking.write({"carrier_id": carrier.id,
                       "carrier_tracking_ref": "SF1234567890"})
        server.inject("5xx")
        self.flow.process_picking(picking)
        self.assertEqual(picking.mall_channel_writeback, "pending")
        performed, retried = self.run_jobs()
        self.assertEqual((performed, retried), (1, 1))
        self.assertEqual(picking.mall_channel_writeback, "done")
        self.assertEqual(
            [(s["tid"], s["out_sid"], s["company_code"])
             for s in server.shipments],
            [(trade["tid"], "SF1234567890", "SF")])
        # Running the job again, or the button, sends nothing more.
        picking._job_write_shipment()
        picking.action_mall_channel_writeback()
        self.run_jobs()
        self.assertEqual(len(server.shipments), 1)
        self.assertEqual(order.mall_state, "shipping")

    def test_split_delivery_writes_back_its_own_lines(self):
        server, store = self.servers[2], self.stores[2]
        trade = server.add_order(skus=[("TEA-LJ-250", 2, "100.00"),
                                       ("CAKE-01", 1, "50.00")])
        oid_tea, oid_cake = [
            str(line["oid"]) for line in trade["orders"]["order"]]
        store.action_channel_sync_now()
        self.run_jobs()
        order = self.sale_orders(store)
        self.assertEqual(sorted(order.order_line.filtered(
            "mall_channel_line_id").mapped("mall_channel_line_id")),
            sorted([oid_tea, oid_cake]))
        carrier = self.top_carrier("中通快递", "ZTO")
        first = order.picking_ids
        first.write({"carrier_id": carrier.id,
                     "carrier_tracking_ref": "ZTO-1"})
        # The tea ships today, the cake tomorrow (a backorder).
        self.flow.process_picking(first, {self.cake: 0.0})
        self.run_jobs()
        self.assertEqual(first.mall_channel_writeback, "done")
        form = self.forms(server, "taobao.logistics.offline.send")[-1]
        self.assertEqual((form.get("is_split"), form.get("sub_tid")),
                         ("1", oid_tea))
        self.assertEqual(server.orders[trade["tid"]]["status"],
                         "SELLER_CONSIGNED_PART")
        second = order.picking_ids - first
        self.assertEqual(len(second), 1)
        second.write({"carrier_id": carrier.id,
                      "carrier_tracking_ref": "ZTO-2"})
        self.flow.process_picking(second)
        self.run_jobs()
        self.assertEqual(second.mall_channel_writeback, "done")
        form = self.forms(server, "taobao.logistics.offline.send")[-1]
        self.assertEqual((form.get("sub_tid"), form.get("out_sid")),
                         (oid_cake, "ZTO-2"))
        self.assertEqual(server.orders[trade["tid"]]["status"],
                         "WAIT_BUYER_CONFIRM_GOODS")

    def test_propose_sku_mappings_from_the_shop(self):
        server, store = self.servers[1], self.stores[1]
        Product = self.env["product.product"]
        by_barcode = Product.create({"name": "Gift box", "type": "consu",
                                     "barcode": "6901234567892"})
        by_name = Product.create({"name": "白茶 饼 357g", "type": "consu"})
        server.add_product("TEA-LJ-250", title="龙井 250g")
        server.add_product("6901234567892", title="礼盒")
        server.add_product("BT-357", title="白茶 饼 357g")
        server.add_product("UNKNOWN-1", title="Nothing like it")
        self.env["mall.channel.sku"].create({
            "store_id": store.id, "code": "UNKNOWN-1",
            "line_ids": [(0, 0, {"product_id": self.cake.id})]})
        action = store.action_channel_propose_skus()
        wizard = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual((wizard.fetched, wizard.already_mapped), (4, 1))
        self.assertEqual(
            {(line.code, line.product_id, line.matched_by)
             for line in wizard.line_ids},
            {("TEA-LJ-250", self.tea, "code"),
             ("6901234567892", by_barcode, "barcode"),
             ("BT-357", by_name, "name")})
        # The user drops the name match before creating the mappings.
        wizard.line_ids.filtered(lambda rec: rec.code == "BT-357").product_id = \
            False
        result = wizard.action_create()
        skus = self.env["mall.channel.sku"].search(result["domain"])
        self.assertEqual(sorted(skus.mapped("code")),
                         ["6901234567892", "TEA-LJ-250"])
        self.assertEqual(skus.mapped("store_id"), store)
        # A file store cannot list its products.
        file_store = self.env["mall.store"].create({
            "name": "Export shop", "code": "FILEX",
            "store_type": "marketplace", "channel_adapter": "file"})
        with self.assertRaises(UserError):
            file_store.action_channel_propose_skus()

    def test_writeback_without_tracking_number_fails_visibly(self):
        server, store = self.servers[1], self.stores[1]
        server.add_order(skus=[("TEA-LJ-250", 1, "100.00")])
        store.action_channel_sync_now()
        self.run_jobs()
        picking = self.sale_orders(store).picking_ids
        self.flow.process_picking(picking)
        self.run_jobs()
        self.assertEqual(picking.mall_channel_writeback, "failed")
        self.assertIn("tracking number", picking.mall_channel_writeback_message)
        self.assertFalse(server.shipments)

    def test_stock_push_subtracts_reserved_and_safety_bundle_min(self):
        server, store = self.servers[2], self.stores[2]
        store.write({"stock_push_enabled": True, "stock_safety": 5,
                     "stock_share": 50})
        for code in ("TEA-LJ-250", "CAKE-01", "GIFT"):
            server.add_product(code)
        self.env["mall.channel.sku"].create({
            "store_id": store.id, "code": "GIFT", "line_ids": [
                (0, 0, {"product_id": self.tea.id, "quantity": 1}),
                (0, 0, {"product_id": self.cake.id, "quantity": 2})]})
        self.env["mall.channel.sku"]._mall_resolve(
            store, ["TEA-LJ-250", "CAKE-01"])
        # 3 teas reserved by an order.
        self.make_tea_order(qty=3.0)
        self.env["queue.job"].search([]).unlink()
        store.action_channel_push_stock()
        self.run_jobs()
        # Tea: (100 − 3 − 5) × 50 % = 46; cake: (100 − 5) × 50 % = 47;
        # gift: min(97 / 1, 100 / 2) = 50 → (50 − 5) × 50 % = 22.
        self.assertEqual(server.stock["TEA-LJ-250"], 46)
        self.assertEqual(server.stock["CAKE-01"], 47)
        self.assertEqual(server.stock["GIFT"], 22)
        level = self.env["mall.channel.stock"].search(
            [("store_id", "=", store.id), ("code", "=", "GIFT")])
        self.assertEqual(level.state, "pushed")
        self.assertIn("min over components = 50", level.explanation)
        # Nothing changed: nothing is pushed again.
        calls = len(server.requests)
        store._job_sync_stock()
        self.assertEqual(len(server.requests), calls)
        # A stock move queues one (delayed) push for the store.
        self.env["queue.job"].search([]).unlink()
        self.make_tea_order(qty=1.0)
        self.make_tea_order(qty=1.0)
        jobs = self.env["queue.job"].search(
            [("channel", "=", "root.mall_channel.TM2")])
        self.assertEqual(len(jobs), 1)
        self.assertTrue(jobs.eta)

    def test_buyer_contact_decrypted_on_demand_never_stored(self):
        server, store = self.servers[0], self.stores[0]
        plaintext_query = (
            "SELECT count(*) FROM res_partner WHERE name = %s OR phone = %s",
            ("王小明", "13912345678"))
        self.env.cr.execute(*plaintext_query)
        before = self.env.cr.fetchone()[0]
        server.add_order(skus=[("TEA-LJ-250", 1, "100.00")],
                         name="王小明", mobile="13912345678")
        store.action_channel_sync_now()
        self.run_jobs()
        order = self.sale_orders(store)
        self.assertTrue(order.mall_channel_masked)
        self.assertNotIn("王小明", order.partner_shipping_id.name)
        action = order.sudo(self.cs).action_mall_channel_buyer_contact()
        contact = self.env[action["res_model"]].sudo(self.cs).browse(
            action["res_id"])
        self.assertEqual(contact.receiver_name, "王小明")
        self.assertEqual(contact.receiver_phone, "13912345678")
        self.assertEqual(server.decrypt_calls, 1)
        # Nothing of it is stored anywhere.
        self.env.cr.execute(*plaintext_query)
        self.assertEqual(self.env.cr.fetchone()[0], before)
        fields_ = self.env["mall.channel.buyer.contact"]._fields
        self.assertFalse(any(fields_[name].store for name in (
            "receiver_name", "receiver_phone", "receiver_address")))
        self.assertIn("not stored", order.message_ids[0].body)
        # E-waybill through the platform: tracking number, print data.
        carrier = self.env["delivery.carrier"].create({
            "name": "中通", "product_id": self.env["product.product"].create({
                "name": "ZTO", "type": "service"}).id,
            "mall_channel_code_ids": [(0, 0, {"channel_adapter": "top",
                                              "code": "ZTO"})]})
        picking = order.picking_ids
        picking.carrier_id = carrier
        picking.action_mall_channel_waybill()
        self.assertTrue(picking.carrier_tracking_ref)
        self.assertEqual(len(server.waybills), 1)
        self.assertNotIn("王小明", str(server.requests[-1]))
