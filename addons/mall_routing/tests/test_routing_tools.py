# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The simulator, the dry run, the translated reasons, access rights."""
import re

from odoo.exceptions import AccessError

from .. import engine
from ..models.sale_order import reason_sentences
from .common import MallRoutingCase


class TestRoutingTools(MallRoutingCase):

    def test_translated_reasons_follow_the_engine(self):
        sentences = reason_sentences()
        self.assertEqual(set(sentences), set(engine.REASON_CODES))
        for code, english in engine.REASON_CODES.items():
            self.assertEqual(sentences[code], english)
            self.assertEqual(
                set(re.findall(r"%\((\w+)\)s", sentences[code])),
                set(re.findall(r"%\((\w+)\)s", english)))

    def test_simulator_shows_the_decision_and_keeps_nothing(self):
        self.stock(self.w_bj, self.p1, 5)
        self.stock(self.w_sup, self.p3, 5)
        orders_before = self.env["sale.order"].search_count([])
        partners_before = self.env["res.partner"].search_count([])
        wizard = self.env["mall.routing.simulator"].create({
            "country_id": self.cn.id, "state_id": self.bj.id,
            "city": "北京市",
            "line_ids": [(0, 0, {"product_id": self.p1.id, "quantity": 2}),
                         (0, 0, {"product_id": self.p3.id, "quantity": 1})]})
        wizard.action_simulate()
        self.assertTrue(wizard.done)
        self.assertIn("T北京仓", wizard.predispatch)
        self.assertIn("T供应商仓 (drop-ship)", wizard.predispatch)
        self.assertIn("Chosen: drop-shipped by this supplier.", wizard.result)
        self.assertTrue(wizard.expected_date)
        self.assertIn("T北京仓:", wizard.carriers)
        self.assertEqual(self.env["sale.order"].search_count([]),
                         orders_before)
        self.assertEqual(self.env["res.partner"].search_count([]),
                         partners_before)
        self.assertEqual(self.w_bj._mall_available(self.p1),
                         {(self.w_bj.id, self.p1.id): 5.0})

    def test_dry_run_replays_the_current_rules(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_sh, self.p1, 10)
        self.stock(self.w_gz, self.p2, 10)
        whole = self.order(self.customer_bj, [(self.p1, 1)])
        split = self.order(self.customer_bj, [(self.p1, 1), (self.p2, 1)])
        self.assertEqual(split.mall_routing_state, "split")
        # From now on 北京 no longer ships to 北京.
        self.env["mall.routing.rule"].create({
            "name": "T北京停发", "action": "exclude",
            "warehouse_ids": [(6, 0, self.w_bj.ids)]})
        today = whole.confirmation_date[:10]
        wizard = self.env["mall.routing.dry.run"].create({
            "date_from": today, "date_to": today})
        wizard.action_run()
        self.assertGreaterEqual(wizard.orders, 2)
        self.assertIn(whole.name, wizard.changed_orders)
        self.assertIn(split.name, wizard.changed_orders)
        rows = {row.warehouse_id: row for row in wizard.line_ids}
        self.assertEqual(rows[self.w_bj].replay_orders, 0)
        self.assertGreaterEqual(rows[self.w_bj].actual_orders, 2)
        self.assertGreaterEqual(rows[self.w_sh].replay_orders, 2)
        self.assertGreaterEqual(wizard.actual_splits, 1)
        # Nothing was changed by the replay.
        self.assertEqual(whole.order_line.mall_warehouse_id, self.w_bj)

    def test_access_rights_per_role(self):
        Rule = self.env["mall.routing.rule"]
        Area = self.env["mall.routing.area"]
        values = {"name": "T", "action": "exclude",
                  "warehouse_ids": [(6, 0, self.w_bj.ids)]}
        rule = Rule.sudo(self.ops).create(values)
        Area.sudo(self.wh).create({"warehouse_id": self.w_bj.id,
                                   "country_id": self.cn.id, "level": "3"})
        user = self.make_user("routing_reader", "mall_base.group_mall_user")
        self.assertEqual(Rule.sudo(user).search([("id", "=", rule.id)]),
                         rule)
        with self.assertRaises(AccessError):
            Rule.sudo(user).create(values)
        with self.assertRaises(AccessError):
            Area.sudo(user).create({"warehouse_id": self.w_bj.id,
                                    "country_id": self.cn.id})
        with self.assertRaises(AccessError):
            Area.sudo(self.cs).create({"warehouse_id": self.w_bj.id,
                                       "country_id": self.cn.id})
