# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.addons.mall_order.tests.common import MallOrderCase


class MallRoutingCase(MallOrderCase):
    """Four warehouses of our own making (the demo's routing set-up is
    removed for the test): 上海 central (all China level 2, 上海 level 1),
    北京 regional (北京 level 1), 广州 regional (广东 level 1, all China
    level 3), a supplier warehouse (all China level 2); products stocked
    where each test says."""

    @classmethod
    def setUpClass(cls):
        super(MallRoutingCase, cls).setUpClass()
        env = cls.env
        env["mall.routing.area"].search([]).unlink()
        env["mall.routing.rule"].search([]).unlink()
        env["mall.routing.carrier.rule"].search([]).unlink()
        cls.company.mall_routing_enabled = True
        cls.cn = env.ref("base.cn")
        cls.sh = env.ref("l10n_cn.state_SH")
        cls.bj = env.ref("l10n_cn.state_BJ")
        cls.gd = env.ref("l10n_cn.state_GD")
        cls.w_sh = cls.make_warehouse("T上海中心仓", "TSH", [
            (None, "2", 3, 12.0), (cls.sh, "1", 1, 6.0)],
            mall_kind="central", mall_sequence=1)
        cls.w_bj = cls.make_warehouse("T北京仓", "TBJ", [
            (cls.bj, "1", 1, 6.0)])
        cls.w_gz = cls.make_warehouse("T广州仓", "TGZ", [
            (cls.gd, "1", 1, 6.0), (None, "3", 4, 15.0)])
        cls.supplier = env["res.partner"].create({
            "name": "T普洱茶业", "supplier": True, "customer": False})
        cls.w_sup = cls.make_warehouse("T供应商仓", "TSUP", [
            (None, "2", 4, 10.0)], mall_kind="supplier",
            mall_supplier_id=cls.supplier.id, mall_sequence=20)
        cls.p1 = cls.make_product("T龙井", "T-P1")
        cls.p2 = cls.make_product("T茶具", "T-P2")
        cls.p3 = cls.make_product("T普洱", "T-P3")
        env["product.supplierinfo"].create({
            "name": cls.supplier.id,
            "product_tmpl_id": cls.p3.product_tmpl_id.id, "price": 50.0})

    @classmethod
    def make_warehouse(cls, name, code, areas, **vals):
        values = {
            "name": name, "code": code,
            "mall_area_ids": [(0, 0, {
                "country_id": cls.cn.id, "state_id": state.id if state
                else False, "level": level, "lead_days": days, "cost": cost})
                for state, level, days, cost in areas],
        }
        values.update(vals)
        return cls.env["stock.warehouse"].create(values)

    @classmethod
    def make_product(cls, name, code, **vals):
        values = {"name": name, "default_code": code, "type": "product",
                  "list_price": 100.0, "taxes_id": [(5, 0, 0)]}
        values.update(vals)
        return cls.env["product.product"].create(values)

    def stock(self, warehouse, product, qty):
        self.env["stock.quant"]._update_available_quantity(
            product, warehouse.lot_stock_id, qty)

    def order(self, partner, lines, confirm=True, **vals):
        values = {
            "partner_id": partner.id,
            "order_line": [(0, 0, {
                "product_id": product.id, "product_uom_qty": qty,
                "price_unit": 100.0}) for product, qty in lines],
        }
        values.update(vals)
        order = self.env["sale.order"].create(values)
        if confirm:
            order.action_confirm()
        return order

    def shipping(self, order):
        """{warehouse: {product: quantity}} of the order's deliveries."""
        result = {}
        for move in order.order_line.mapped("move_ids").filtered(
                lambda m: m.state != "cancel"):
            warehouse = move.picking_type_id.warehouse_id
            per = result.setdefault(warehouse, {})
            per[move.product_id] = per.get(move.product_id, 0.0) + \
                move.product_uom_qty
        return result
