# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import common

from .common import MallBaseCase


@common.at_install(False)
@common.post_install(True)
class TestAuditlog(MallBaseCase):
    def test_rules_subscribed(self):
        rules = self.env["auditlog.rule"].search([("state", "=", "subscribed")])
        models = set(rules.mapped("model_id.model"))
        for model in ("sale.order", "sale.order.line", "mall.store",
                      "product.pricelist.item", "product.template"):
            self.assertIn(model, models)

    def test_store_write_is_logged(self):
        store = self.env["mall.store"].create({"name": "Audit", "code": "AUD"})
        store.sudo(self.ops).write({"name": "Audited"})
        log = self.env["auditlog.log"].search([
            ("model_id.model", "=", "mall.store"), ("res_id", "=", store.id),
            ("method", "=", "write")])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.ops)
        line = log.line_ids.filtered(lambda rec: rec.field_id.name == "name")
        self.assertEqual(line.old_value, "Audit")
        self.assertEqual(line.new_value, "Audited")

    def test_price_change_is_logged(self):
        self.product.product_tmpl_id.sudo(self.ops).write({"list_price": 150.0})
        log = self.env["auditlog.log"].search([
            ("model_id.model", "=", "product.template"),
            ("res_id", "=", self.product.product_tmpl_id.id),
            ("method", "=", "write")])
        self.assertEqual(log.user_id, self.ops)
        self.assertIn("list_price", log.line_ids.mapped("field_id.name"))


class TestLoginLog(common.SavepointCase):

    def test_log_is_read_only_and_purged(self):
        Log = self.env["mall.login.log"]
        old = Log.create({
            "date": "2020-01-01 00:00:00", "login": "someone",
            "result": "failure", "ip": "10.0.0.1"})
        recent = Log.create({
            "date": fields.Datetime.now(), "login": "admin",
            "user_id": self.env.ref("base.user_root").id,
            "result": "success", "ip": "10.0.0.2"})
        with self.assertRaises(UserError):
            recent.write({"result": "failure"})
        Log._run_purge()
        self.assertFalse(old.exists())
        self.assertTrue(recent.exists())
        manager = self.env["res.users"].create({
            "name": "Log reader", "login": "mall_log_reader_test",
            "groups_id": [(6, 0, self.env.ref(
                "mall_base.group_mall_manager").ids)]})
        self.assertIn(recent, Log.sudo(manager).search([]))
        user = self.env["res.users"].create({
            "name": "No log reader", "login": "mall_no_log_test",
            "groups_id": [(6, 0, self.env.ref(
                "mall_base.group_mall_user").ids)]})
        with self.assertRaises(AccessError):
            Log.sudo(user).search([])
