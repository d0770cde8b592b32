# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io

import xlsxwriter

from odoo.exceptions import AccessError

from .common import MallChannelCase


class TestFileImport(MallChannelCase):

    def test_paid_order_imported_confirmed_and_reserved(self):
        records, counts = self.receive(self.file_store, self.file_payload(
            "JD-1", ("TEA-LJ-250", 2, "100"), ("CAKE-01", 1, "50")))
        self.assertEqual(counts["created"], 1)
        record = records
        self.assertEqual(record.state, "done")
        order = record.sale_order_id
        self.assertEqual(order.store_id, self.file_store)
        self.assertEqual(order.client_order_ref, "JD-1")
        self.assertEqual(order.state, "sale")
        # 2 × 100 + 50 + shipping 10.
        self.assertEqual(order.amount_total, 260.0)
        self.assertEqual(order.mall_payment_state, "paid")
        self.assertEqual(order.mall_state, "paid")
        self.assertEqual(len(self.events(order, "paid")), 1)
        self.assertEqual(self.reserved(self.tea), 2.0)
        buyer = order.partner_id
        self.assertEqual(buyer.mall_channel_buyer_id, "buyer-JD-1")
        shipping = order.partner_shipping_id
        self.assertEqual(shipping.name, "张**")
        self.assertTrue(shipping.mall_channel_masked)
        self.assertEqual(shipping.state_id, self.env.ref("l10n_cn.state_ZJ"))
        # Province in clear: the order has its sales region.
        self.assertEqual(order.mall_region_id, self.east)

    def test_reimport_is_idempotent_and_updates(self):
        payload = self.file_payload("JD-2", ("TEA-LJ-250", 3, "100"))
        self.receive(self.file_store, payload)
        records, counts = self.receive(self.file_store, payload)
        self.assertFalse(records)
        self.assertEqual(len(self.channel_order(self.file_store, "JD-2")), 1)
        self.assertEqual(self.env["sale.order"].search_count(
            [("client_order_ref", "=", "JD-2")]), 1)
        # The buyer cancels before shipment: the order is cancelled and its
        # stock released.
        self.assertEqual(self.reserved(self.tea), 3.0)
        cancelled = self.file_payload(
            "JD-2", ("TEA-LJ-250", 3, "100"), status="交易关闭")
        records, counts = self.receive(self.file_store, cancelled)
        self.assertEqual(counts["updated"], 1)
        self.assertEqual(records.sale_order_id.state, "cancel")
        self.assertEqual(self.reserved(self.tea), 0.0)

    def test_unpaid_then_paid(self):
        records, _ = self.receive(self.file_store, self.file_payload(
            "JD-3", ("TEA-LJ-250", 1, "100"), status="等待买家付款"))
        order = records.sale_order_id
        self.assertEqual(order.mall_state, "to_pay")
        self.assertEqual(self.reserved(self.tea), 1.0)
        self.receive(self.file_store, self.file_payload(
            "JD-3", ("TEA-LJ-250", 1, "100")))
        self.assertEqual(order.mall_state, "paid")
        self.assertEqual(len(self.events(order, "paid")), 1)

    def test_unknown_sku_goes_to_error_queue_and_retries(self):
        payload = self.file_payload("JD-4", ("GIFT-BOX", 1, "99"))
        records, counts = self.receive(self.file_store, payload)
        self.assertEqual(counts["errors"], 1)
        self.assertEqual(records.state, "error")
        self.assertIn("GIFT-BOX", records.error)
        self.assertFalse(records.sale_order_id)
        self.assertIn("GIFT-BOX", records.payload)
        self.assertFalse(self.env["sale.order"].search(
            [("client_order_ref", "=", "JD-4")]))
        # Staff map the SKU to a bundle of 1 tea + 2 cakes, and retry.
        self.env["mall.channel.sku"].create({
            "store_id": self.file_store.id, "code": "GIFT-BOX",
            "line_ids": [(0, 0, {"product_id": self.tea.id, "quantity": 1}),
                         (0, 0, {"product_id": self.cake.id, "quantity": 2})]})
        records.action_retry()
        self.assertEqual(records.state, "done")
        order = records.sale_order_id
        lines = {rec.product_id: rec for rec in order.order_line}
        self.assertEqual(lines[self.tea].product_uom_qty, 1.0)
        self.assertEqual(lines[self.cake].product_uom_qty, 2.0)
        # The bundle's 99 is split by list price (100 : 2 × 50).
        self.assertAlmostEqual(
            lines[self.tea].price_subtotal + lines[self.cake].price_subtotal,
            99.0, places=2)
        self.assertEqual(records.attempts, 2)

    def test_malformed_row_is_kept_with_its_error(self):
        records, counts = self.receive(self.file_store, self.file_payload(
            "JD-5", ("TEA-LJ-250", "two", "100")))
        self.assertEqual(records.state, "error")
        self.assertIn("not a number", records.error)
        self.assertFalse(records.sale_order_id)

    def test_remark_holds_order_for_review(self):
        self.remark_rule.active = True
        records, counts = self.receive(self.file_store, self.file_payload(
            "JD-6", ("TEA-LJ-250", 1, "100"), remark="请用顺丰"))
        self.assertEqual(counts["held"], 1)
        self.assertEqual(records.state, "held")
        self.assertIn("remark", records.review_reasons)
        order = records.sale_order_id
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.mall_channel_remark, "请用顺丰")
        # The platform changes it meanwhile: still held.
        records, counts = self.receive(self.file_store, self.file_payload(
            "JD-6", ("TEA-LJ-250", 1, "100"), remark="请用顺丰，周末送"))
        self.assertEqual(records.state, "held")
        self.assertEqual(order.state, "draft")
        records.sudo(self.cs).action_release()
        self.assertEqual(order.state, "sale")
        self.assertEqual(records.state, "done")

    def _csv_bytes(self, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        for row in rows:
            writer.writerow(row)
        return buffer.getvalue().encode("gb18030")

    def _xlsx_bytes(self, rows):
        buffer = io.BytesIO()
        book = xlsxwriter.Workbook(buffer)
        sheet = book.add_worksheet()
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                sheet.write(r, c, value)
        book.close()
        return buffer.getvalue()

    def test_wizard_imports_csv_and_xlsx(self):
        header = ["订单编号", "订单状态", "买家会员名", "收货人姓名", "省", "市",
                  "详细地址", "商家编码", "购买数量", "价格", "运费"]
        rows = [header,
                ["F-1", "买家已付款", "b1", "李**", "北京", "北京市", "建国路**号",
                 "TEA-LJ-250", "2", "100", "0"],
                ["F-1", "买家已付款", "b1", "李**", "北京", "北京市", "建国路**号",
                 "CAKE-01", "1", "50", "0"],
                ["F-2", "买家已付款", "b2", "王**", "广东省", "广州市", "体育西路**号",
                 "TEA-LJ-250", "1", "100", "8"]]
        # The same orders again as an XLSX file, under other order ids.
        xlsx_rows = [header] + [["%sX" % row[0]] + row[1:] for row in rows[1:]]
        Wizard = self.env["mall.channel.import.file"].sudo(self.cs)
        for filename, data in (("orders.csv", self._csv_bytes(rows)),
                               ("orders.xlsx", self._xlsx_bytes(xlsx_rows))):
            wizard = Wizard.create({
                "store_id": self.file_store.id, "filename": filename,
                "data": base64.b64encode(data)})
            wizard.action_import()
        csv_orders = self.env["sale.order"].search(
            [("client_order_ref", "in", ("F-1", "F-2"))])
        xlsx_orders = self.env["sale.order"].search(
            [("client_order_ref", "in", ("F-1X", "F-2X"))])
        for orders in (csv_orders, xlsx_orders):
            self.assertEqual(len(orders), 2)
            first = orders.filtered(lambda o: o.client_order_ref.startswith(
                "F-1"))
            self.assertEqual(first.amount_total, 250.0)
            self.assertEqual(first.mall_region_id, self.north)
        log = self.env["mall.channel.sync.log"].search(
            [("store_id", "=", self.file_store.id), ("kind", "=", "file")])
        # The XLSX orders repeat the CSV ones' buyers and products within a
        # day: the duplicate rule holds them for review.
        self.assertEqual(sorted((rec.created, rec.held) for rec in log),
                         [(0, 2), (2, 0)])
        self.assertEqual(set(xlsx_orders.mapped("state")), {"draft"})

    def test_secrets_and_roles(self):
        self.file_store.sudo().write({"channel_app_secret": "s3cret",
                                      "channel_access_token": "t0ken"})
        with self.assertRaises(AccessError):
            self.file_store.sudo(self.cs).read(["channel_app_secret"])
        with self.assertRaises(AccessError):
            self.file_store.sudo(self.ops).read(["channel_access_token"])
        self.assertEqual(self.file_store.sudo(self.manager).read(
            ["channel_app_secret"])[0]["channel_app_secret"], "s3cret")
        # The adapter still gets them, whoever runs the import.
        config = self.file_store.sudo(self.cs)._mall_channel_config()
        self.assertEqual(config["app_secret"], "s3cret")
        records, _counts = self.receive(self.file_store, self.file_payload(
            "JD-7", ("NOPE", 1, "1")))
        # Operations read the error queue but do not change it.
        self.assertEqual(records.sudo(self.ops).state, "error")
        with self.assertRaises(AccessError):
            records.sudo(self.ops).write({"state": "ignored"})
        records.sudo(self.cs).action_ignore()
        self.assertEqual(records.state, "ignored")
