# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Routing at confirmation, through the real ORM and stock: which
warehouse ships each line, the deliveries and reservations it makes."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common import MallRoutingCase


class TestRouting(MallRoutingCase):

    def test_nearest_warehouse_ships_the_whole_order(self):
        self.stock(self.w_sh, self.p1, 10)
        self.stock(self.w_bj, self.p1, 10)
        order = self.order(self.customer_bj, [(self.p1, 2)])
        self.assertEqual(self.shipping(order), {self.w_bj: {self.p1: 2.0}})
        self.assertEqual(order.mall_routing_state, "single")
        self.assertEqual(order.warehouse_id, self.w_bj)
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_bj)
        self.assertEqual(order.picking_ids.state, "assigned")
        self.assertIn("T北京仓", order.mall_routing_explanation)
        self.assertIn("Area level 2, the chosen warehouse has level 1",
                      order.mall_routing_explanation)
        self.assertEqual(order.mall_routing_warehouses, "T北京仓")

    def test_one_warehouse_for_all_beats_a_better_level(self):
        self.stock(self.w_sh, self.p1, 10)
        self.stock(self.w_sh, self.p2, 10)
        self.stock(self.w_bj, self.p1, 10)
        order = self.order(self.customer_bj, [(self.p1, 1), (self.p2, 1)])
        self.assertEqual(self.shipping(order),
                         {self.w_sh: {self.p1: 1.0, self.p2: 1.0}})
        self.assertEqual(order.mall_routing_state, "single")

    def test_split_line_by_line_into_two_deliveries(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_gz, self.p2, 10)
        order = self.order(self.customer_bj, [(self.p1, 1), (self.p2, 3)])
        self.assertEqual(self.shipping(order), {
            self.w_bj: {self.p1: 1.0}, self.w_gz: {self.p2: 3.0}})
        self.assertEqual(order.mall_routing_state, "split")
        self.assertEqual(len(order.picking_ids), 2)
        self.assertEqual(set(order.picking_ids.mapped("state")),
                         {"assigned"})
        # Each delivery reserves in its own warehouse.
        for picking in order.picking_ids:
            self.assertEqual(picking.location_id,
                             picking.picking_type_id.warehouse_id.lot_stock_id)
        self.assertEqual(len(order.picking_ids.mapped("group_id")), 1)

    def test_supplier_only_stock_becomes_a_drop_ship_purchase(self):
        self.stock(self.w_sup, self.p3, 100)
        order = self.order(self.customer_sh, [(self.p3, 4)])
        self.assertEqual(order.mall_routing_state, "dropship")
        line = order.order_line
        self.assertEqual((line.mall_warehouse_id, line.mall_dropship),
                         (self.w_sup, True))
        purchase = self.env["purchase.order.line"].search(
            [("product_id", "=", self.p3.id)]).order_id
        self.assertEqual(purchase.partner_id, self.supplier)
        self.assertEqual(purchase.dest_address_id, order.partner_shipping_id)
        self.assertEqual(purchase.order_line.product_qty, 4.0)
        self.assertFalse(order.picking_ids.filtered(
            lambda p: p.picking_type_id.code == "outgoing"))

    def test_unshippable_unsellable_and_uncovering_never_chosen(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_gz, self.p1, 10)
        self.stock(self.w_sh, self.p1, 10)
        self.w_bj.mall_shippable = False
        self.w_sh.mall_sellable = False
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_gz)
        text = order.mall_routing_explanation
        self.assertIn("T北京仓: Does not ship orders.", text)
        self.assertIn("T上海中心仓: Its stock is not for sale.", text)
        # 广州 stops covering the rest of China: nobody ships to 北京.
        self.w_gz.mall_area_ids.filtered(lambda a: not a.state_id).unlink()
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.mall_routing_state, "unroutable")
        self.assertFalse(order.order_line.mall_warehouse_id)
        self.assertIn("No warehouse can ship this line.",
                      order.mall_routing_explanation)

    def test_priority_then_cost_then_creation_break_ties(self):
        self.w_bj.mall_area_ids.unlink()
        self.w_gz.mall_area_ids.unlink()
        self.w_sh.mall_area_ids.unlink()
        for warehouse in (self.w_sh, self.w_bj, self.w_gz):
            warehouse.mall_area_ids = [(0, 0, {
                "country_id": self.cn.id, "level": "1", "cost": 5.0})]
            self.stock(warehouse, self.p1, 10)
        self.w_sh.mall_sequence = self.w_bj.mall_sequence = \
            self.w_gz.mall_sequence = 5
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_sh)
        self.assertIn("Tied with the chosen warehouse",
                      order.mall_routing_explanation)
        self.w_gz.mall_area_ids.cost = 3.0
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_gz)
        self.w_bj.mall_sequence = 1
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_bj)

    def test_designated_warehouse_and_store_warehouse(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_gz, self.p1, 10)
        order = self.order(self.customer_bj, [(self.p1, 1)],
                           mall_designated_warehouse_id=self.w_gz.id)
        self.assertEqual(self.shipping(order), {self.w_gz: {self.p1: 1.0}})
        self.assertIn("Designated on the order",
                      order.mall_routing_explanation)
        store = self.env["mall.store"].create({
            "name": "T门店", "code": "TSTORE", "store_type": "offline",
            "warehouse_id": self.w_sh.id, "routing_designated": True})
        order = self.order(self.customer_bj, [(self.p1, 1)],
                           store_id=store.id)
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_sh)

    def test_rules_force_and_exclude_by_category_and_province(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_bj, self.p2, 10)
        self.stock(self.w_gz, self.p2, 10)
        fragile = self.env["product.category"].create({"name": "T易碎"})
        self.p2.categ_id = fragile
        Rule = self.env["mall.routing.rule"]
        Rule.create({"name": "茶具只从广州发", "action": "force",
                     "warehouse_ids": [(6, 0, self.w_gz.ids)],
                     "categ_ids": [(6, 0, fragile.ids)]})
        order = self.order(self.customer_bj, [(self.p1, 1), (self.p2, 1)])
        self.assertEqual(self.shipping(order), {
            self.w_bj: {self.p1: 1.0}, self.w_gz: {self.p2: 1.0}})
        self.assertIn("Routing rule 茶具只从广州发 limits this line",
                      order.mall_routing_explanation)
        Rule.search([]).unlink()
        Rule.create({"name": "北京不发北京", "action": "exclude",
                     "warehouse_ids": [(6, 0, self.w_bj.ids)],
                     "state_ids": [(6, 0, self.bj.ids)],
                     "amount_min": 150.0})
        # Below the amount the rule does not apply.
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_bj)
        self.stock(self.w_gz, self.p1, 10)
        order = self.order(self.customer_bj, [(self.p1, 2)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_gz)
        self.assertIn("Excluded by routing rule 北京不发北京",
                      order.mall_routing_explanation)

    def test_rule_by_sales_region(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_sh, self.p1, 10)
        self.env["mall.routing.rule"].create({
            "name": "华北只从上海发", "action": "force",
            "warehouse_ids": [(6, 0, self.w_sh.ids)],
            "region_ids": [(6, 0, self.north.ids)]})
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_sh)
        self.assertIn("T北京仓: Excluded by routing rule 华北只从上海发",
                      order.mall_routing_explanation)

    def test_full_warehouse_drops_to_the_next_candidate(self):
        self.stock(self.w_bj, self.p1, 10)
        self.stock(self.w_sh, self.p1, 10)
        self.w_bj.mall_capacity = 1
        first = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(first.order_line.mall_warehouse_id, self.w_bj)
        self.assertEqual(self.w_bj.mall_orders_today, 1)
        second = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(second.order_line.mall_warehouse_id, self.w_sh)
        self.assertIn("T北京仓: Has no shipping capacity left today.",
                      second.mall_routing_explanation)

    def test_parent_warehouse_total_is_the_sum_of_its_children(self):
        self.w_bj.mall_parent_id = self.w_sh
        self.w_gz.mall_parent_id = self.w_bj
        self.stock(self.w_sh, self.p1, 5)
        self.stock(self.w_bj, self.p1, 7)
        self.stock(self.w_gz, self.p2, 11)
        self.assertEqual(self.w_gz.mall_stock_total, 11.0)
        self.assertEqual(self.w_bj.mall_stock_total, 18.0)
        self.assertEqual(self.w_sh.mall_stock_total, 23.0)
        with self.assertRaises(ValidationError):
            self.w_sh.mall_parent_id = self.w_gz

    def test_carrier_requested_then_designated_then_cheapest(self):
        self.stock(self.w_bj, self.p1, 10)
        Carrier = self.env["delivery.carrier"]

        def carrier(name, price, countries):
            return Carrier.create({
                "name": name, "delivery_type": "fixed", "fixed_price": price,
                "country_ids": [(6, 0, countries.ids)],
                "product_id": self.env["product.product"].create({
                    "name": name, "type": "service"}).id})
        # Demo carriers must not take part.
        Carrier.search([]).write({"active": False})
        cheap = carrier("T中通", 8.0, self.cn)
        carrier("T顺丰", 18.0, self.cn)
        carrier("T海外", 1.0, self.env.ref("base.us"))
        jd = carrier("T京东", 12.0, self.cn)
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.picking_ids.carrier_id, cheap)
        self.assertEqual(order.picking_ids.mall_carrier_how, "cheapest")
        self.assertIn("cheapest carrier covering the address",
                      order.mall_routing_explanation)
        # The company's choice of carrier is its own cost: shipping adds
        # no delivery line to the customer's order.
        total = order.amount_total
        self.flow.process_picking(order.picking_ids)
        self.assertEqual(order.picking_ids.state, "done")
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(order.amount_total, total)
        self.env["mall.routing.carrier.rule"].create({
            "warehouse_id": self.w_bj.id, "carrier_id": jd.id,
            "state_ids": [(6, 0, self.bj.ids)]})
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.picking_ids.carrier_id, jd)
        sf = Carrier.search([("name", "=", "T顺丰")])
        order = self.order(self.customer_bj, [(self.p1, 1)],
                           carrier_id=sf.id)
        self.assertEqual(order.picking_ids.carrier_id, sf)

    def test_reroute_when_the_stock_vanished(self):
        self.stock(self.w_bj, self.p1, 5)
        order = self.order(self.customer_bj, [(self.p1, 5)])
        picking = order.picking_ids
        self.assertEqual(picking.picking_type_id.warehouse_id, self.w_bj)
        # The stock is found broken: unreserved and written off.
        picking.do_unreserve()
        self.stock(self.w_bj, self.p1, -3)
        self.stock(self.w_sh, self.p1, 10)
        # Nothing to re-route yet for the cron: too early.
        self.assertFalse(self.env["sale.order"]._run_mall_reroute())
        later = fields.Datetime.to_string(fields.Datetime.from_string(
            order.mall_routed_date) + timedelta(hours=3))
        self.assertEqual(self.env["sale.order"]._run_mall_reroute(
            now=later), order)
        self.assertEqual(self.shipping(order), {
            self.w_bj: {self.p1: 2.0}, self.w_sh: {self.p1: 3.0}})
        self.assertEqual(set(order.picking_ids.filtered(
            lambda p: p.state != "cancel").mapped("state")), {"assigned"})
        self.assertEqual(order.order_line.mall_warehouse_id, self.w_sh)
        self.assertIn("Re-routed [T-P1] T龙井 from T北京仓 to T上海中心仓",
                      order.mall_routing_explanation)
        # Again: nothing left to move.
        self.assertFalse(order.action_mall_reroute())

    def test_bonded_warehouse_locks_the_tracking_number(self):
        self.stock(self.w_bj, self.p1, 5)
        self.w_bj.mall_bonded = True
        order = self.order(self.customer_bj, [(self.p1, 1)])
        picking = order.picking_ids
        picking.carrier_tracking_ref = "SF100"
        picking.carrier_tracking_ref = "SF100"
        with self.assertRaises(UserError):
            picking.carrier_tracking_ref = "SF200"
        self.w_bj.mall_bonded = False
        picking.carrier_tracking_ref = "SF200"
        self.assertEqual(picking.carrier_tracking_ref, "SF200")

    def test_predispatch_on_a_quotation_reserves_nothing(self):
        self.stock(self.w_bj, self.p1, 1)
        self.stock(self.w_gz, self.p2, 1)
        order = self.order(self.customer_bj, [(self.p1, 1), (self.p2, 1)],
                           confirm=False)
        self.assertIn("T北京仓: T龙井", order.mall_predispatch.replace(
            "[T-P1] ", ""))
        self.assertIn("T广州仓: T茶具", order.mall_predispatch.replace(
            "[T-P2] ", ""))
        today = fields.Date.from_string(fields.Date.context_today(order))
        self.assertEqual(order.mall_expected_date,
                         fields.Date.to_string(today + timedelta(days=4)))
        self.assertEqual(order.mall_routing_state, "none")
        self.assertFalse(order.order_line.mapped("mall_warehouse_id"))
        self.assertEqual(self.w_bj._mall_available(self.p1),
                         {(self.w_bj.id, self.p1.id): 1.0})

    def test_warehouse_code_cannot_change(self):
        with self.assertRaises(UserError):
            self.w_bj.code = "XBJ"
        self.w_bj.name = "T北京仓（新）"

    def test_routing_off_keeps_the_order_warehouse(self):
        self.stock(self.w_bj, self.p1, 5)
        self.company.mall_routing_enabled = False
        order = self.order(self.customer_bj, [(self.p1, 1)])
        self.assertEqual(order.mall_routing_state, "none")
        self.assertEqual(order.picking_ids.picking_type_id.warehouse_id,
                         order.warehouse_id)
        self.assertNotEqual(order.warehouse_id, self.w_bj)

    def test_line_added_after_confirmation_is_routed(self):
        self.stock(self.w_bj, self.p1, 5)
        self.stock(self.w_gz, self.p2, 5)
        order = self.order(self.customer_bj, [(self.p1, 1)])
        order.write({"order_line": [(0, 0, {
            "product_id": self.p2.id, "product_uom_qty": 2.0,
            "price_unit": 100.0})]})
        self.assertEqual(self.shipping(order), {
            self.w_bj: {self.p1: 1.0}, self.w_gz: {self.p2: 2.0}})

    def test_batch_confirmation_shares_the_stock(self):
        self.stock(self.w_bj, self.p1, 3)
        self.stock(self.w_sh, self.p1, 10)
        orders = self.order(self.customer_bj, [(self.p1, 2)], confirm=False)
        orders |= self.order(self.customer_bj, [(self.p1, 2)], confirm=False)
        orders._mall_route()
        self.assertEqual(orders.mapped("order_line.mall_warehouse_id"),
                         self.w_bj | self.w_sh)
