# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.mall_order.tests.common import MallOrderCase
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job


class MallChannelCase(MallOrderCase):
    """mall_order's fixtures plus SKU-coded products in stock and a store
    importing export files."""

    @classmethod
    def setUpClass(cls):
        super(MallChannelCase, cls).setUpClass()
        cls.tea.default_code = "TEA-LJ-250"
        cls.cake.default_code = "CAKE-01"
        cls.file_store = cls.env["mall.store"].create({
            "name": "JD file store", "code": "JDF", "store_type": "marketplace",
            "platform": "jd", "channel_adapter": "file"})
        # The shipped review rules, except the remark rule that the tests
        # switch on when they need it.
        cls.remark_rule = cls.env.ref("mall_channel.review_rule_remark")
        cls.remark_rule.active = False
        # The demo stores' marketplaces do not run during the tests.
        cls.env["mall.store"].search([]).write(
            {"stock_push_enabled": False, "channel_sync_enabled": False})
        cls.env["queue.job"].search([]).unlink()

    @staticmethod
    def file_payload(order_id, *lines, **order):
        """A raw export-file order: lines are (sku, qty, price)."""
        base = {"status": "买家已付款", "buyer_id": "buyer-%s" % order_id,
                "buyer_nick": "买家%s" % order_id, "receiver_name": "张**",
                "receiver_phone": "138****0000", "state": "浙江省",
                "city": "杭州市", "district": "西湖区", "address": "文三路**号",
                "shipping_fee": "10", "remark": "", "created_at":
                "2026-11-20 10:00:00"}
        base.update(order)
        rows = []
        for number, (sku, qty, price) in enumerate(lines, 2):
            row = dict(base, sku=sku, quantity=str(qty), price_unit=str(price),
                       name=sku, row=number)
            rows.append(row)
        return {"order_id": order_id, "rows": rows}

    def receive(self, store, *payloads):
        records = self.env["mall.channel.order"]._mall_receive(
            store, list(payloads))
        return records, records._mall_process()

    def channel_order(self, store, channel_order_id):
        return self.env["mall.channel.order"].search([
            ("store_id", "=", store.id),
            ("channel_order_id", "=", channel_order_id)])

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
