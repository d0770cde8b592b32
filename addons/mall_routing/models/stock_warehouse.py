# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import engine

#: The locations of each warehouse (its view location and everything
#: below it), by the parent links: the nested-set columns are not
#: maintained while modules load (demo data, install-time tests).
WAREHOUSE_LOCATIONS = """
    WITH RECURSIVE loc(id, warehouse_id) AS (
        SELECT w.view_location_id, w.id FROM stock_warehouse w
         WHERE w.id IN %s
        UNION ALL
        SELECT l.id, loc.warehouse_id
          FROM stock_location l JOIN loc ON l.location_id = loc.id
    )"""

KINDS = [("central", "Own central warehouse (自营中心仓)"),
         ("regional", "Own regional warehouse (自营区域仓)"),
         ("supplier", "Supplier warehouse (供应商协同仓)")]


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"

    mall_kind = fields.Selection(
        KINDS, string="Warehouse Type", required=True, default="regional")
    mall_sellable = fields.Boolean(
        string="Sellable", default=True,
        help="Its stock may be sold (counts for routing).")
    mall_purchasable = fields.Boolean(
        string="Purchasable", default=True,
        help="Purchases may be received into it.")
    mall_shippable = fields.Boolean(
        string="Shippable", default=True,
        help="It ships customer orders (counts for routing).")
    mall_sequence = fields.Integer(
        string="Priority", default=10,
        help="Routing: among warehouses of the same area level, the lower "
        "number ships first.")
    mall_parent_id = fields.Many2one(
        "stock.warehouse", string="Parent Warehouse", index=True,
        ondelete="restrict",
        help="A parent's stock total is the sum of its children's.")
    mall_child_ids = fields.One2many(
        "stock.warehouse", "mall_parent_id", string="Child Warehouses")
    mall_area_ids = fields.One2many(
        "mall.routing.area", "warehouse_id", string="Delivery Areas")
    mall_supplier_id = fields.Many2one(
        "res.partner", string="Supplier",
        help="Supplier warehouses: the vendor that drop-ships from it (a "
        "vendor of the products on their purchase tab).")
    mall_capacity = fields.Integer(
        string="Orders per Day",
        help="The most orders it ships a day; when reached, routing drops "
        "to the next candidate (0: no limit).")
    mall_bonded = fields.Boolean(
        string="Bonded Warehouse (保税仓)",
        help="Cross-border orders: the tracking number of a delivery cannot "
        "change once assigned.")
    mall_orders_today = fields.Integer(
        string="Orders Routed Today", compute="_compute_mall_orders_today")
    mall_stock_total = fields.Float(
        string="Units on Hand (with children)",
        compute="_compute_mall_stock_total",
        help="Units on hand in this warehouse and all its child warehouses.")

    _sql_constraints = [
        ("mall_capacity_positive", "CHECK(mall_capacity >= 0)",
         "The daily capacity cannot be negative."),
    ]

    @api.constrains("mall_parent_id")
    def _check_mall_parent(self):
        if not self._check_recursion(parent="mall_parent_id"):
            raise ValidationError(_(
                "A warehouse cannot be its own parent, even indirectly."))

    @api.constrains("mall_kind", "mall_supplier_id")
    def _check_mall_supplier(self):
        for warehouse in self:
            if warehouse.mall_kind == "supplier" and \
                    not warehouse.mall_supplier_id:
                raise ValidationError(_(
                    "Supplier warehouse %s needs its supplier.")
                    % warehouse.name)

    @api.multi
    def write(self, vals):
        if "code" in vals:
            for warehouse in self:
                if warehouse.code and warehouse.code != vals["code"]:
                    raise UserError(_(
                        "The code of warehouse %(name)s (%(code)s) cannot "
                        "change: documents and integrations refer to it.") % {
                            "name": warehouse.name, "code": warehouse.code})
        return super(StockWarehouse, self).write(vals)

    # ------------------------------------------------------------------
    # Figures

    @api.multi
    def _mall_descendants(self):
        """The warehouses and all their children, at any depth."""
        result = self
        children = self.mapped("mall_child_ids")
        while children - result:
            result |= children
            children = children.mapped("mall_child_ids")
        return result

    @api.multi
    def _compute_mall_stock_total(self):
        # One query for the warehouses and all their descendants.
        family = self._mall_descendants()
        self.env.cr.execute(WAREHOUSE_LOCATIONS + """
            SELECT loc.warehouse_id, COALESCE(SUM(q.quantity), 0)
              FROM loc
              JOIN stock_location l ON l.id = loc.id AND l.usage = 'internal'
              JOIN stock_quant q ON q.location_id = l.id
             GROUP BY loc.warehouse_id""", (tuple(family.ids) or (0,),))
        own = dict(self.env.cr.fetchall())
        for warehouse in self:
            warehouse.mall_stock_total = sum(
                own.get(member.id, 0.0)
                for member in warehouse._mall_descendants())

    @api.multi
    def _compute_mall_orders_today(self):
        counts = self._mall_orders_routed_today()
        for warehouse in self:
            warehouse.mall_orders_today = counts.get(warehouse.id, 0)

    @api.model
    def _mall_today_start(self):
        """Midnight of today in the user's time zone (China by default),
        in UTC, as the ORM stores datetimes."""
        tz = pytz.timezone(self.env.user.tz or "Asia/Shanghai")
        now = datetime.now(tz)
        start = tz.localize(datetime.combine(now.date(), time.min))
        return fields.Datetime.to_string(
            start.astimezone(pytz.utc).replace(tzinfo=None))

    @api.multi
    def _mall_orders_routed_today(self):
        """{warehouse id: orders routed to it since midnight}."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT l.mall_warehouse_id, COUNT(DISTINCT l.order_id)
              FROM sale_order_line l
              JOIN sale_order o ON o.id = l.order_id
             WHERE l.mall_warehouse_id IN %s
               AND o.state IN ('sale', 'done')
               AND o.mall_routed_date >= %s
             GROUP BY l.mall_warehouse_id""", (
            tuple(self.ids), self._mall_today_start()))
        return dict(self.env.cr.fetchall())

    @api.multi
    def _mall_available(self, products):
        """{(warehouse id, product id): free quantity (on hand − reserved)}
        in the internal locations of each warehouse; one query.  A supplier
        warehouse only offers the products its supplier sells (a vendor
        line on the product), since it ships them as a drop-ship."""
        if not self.ids or not products.ids:
            return {}
        self.env.cr.execute(WAREHOUSE_LOCATIONS + """
            SELECT loc.warehouse_id, q.product_id,
                   SUM(q.quantity - q.reserved_quantity)
              FROM loc
              JOIN stock_location l ON l.id = loc.id AND l.usage = 'internal'
              JOIN stock_quant q ON q.location_id = l.id
             WHERE q.product_id IN %s
             GROUP BY loc.warehouse_id, q.product_id""", (
            tuple(self.ids), tuple(products.ids)))
        stock = {(row[0], row[1]): row[2] for row in self.env.cr.fetchall()}
        suppliers = self.filtered(lambda w: w.mall_kind == "supplier")
        if suppliers:
            sold = set()
            for product in products:
                for seller in product.seller_ids:
                    for warehouse in suppliers:
                        if seller.name.commercial_partner_id == \
                                warehouse.mall_supplier_id.commercial_partner_id:
                            sold.add((warehouse.id, product.id))
            stock = {key: qty for key, qty in stock.items()
                     if key[0] not in suppliers.ids or key in sold}
        return stock

    @api.multi
    def _mall_engine_warehouses(self):
        """The warehouses as the routing engine sees them."""
        result = []
        for warehouse in self:
            areas = tuple(engine.Area(
                area.country_id.code, area.state_id.id or None,
                area.city or None, int(area.level), area.lead_days,
                area.cost) for area in warehouse.mall_area_ids)
            result.append(engine.Warehouse(
                warehouse.id, warehouse.name, warehouse.mall_kind,
                warehouse.mall_sellable, warehouse.mall_shippable,
                warehouse.mall_sequence, areas, None))
        return result

    @api.multi
    def _mall_capacity_left(self, lock=False):
        """{warehouse id: orders it can still take today} for warehouses
        with a daily capacity.  ``lock``: write those warehouses' rows (a
        no-op update) so that two workers confirming at once count each
        other's orders: the second waits for the first, then gets a
        serialization failure and is retried like any Odoo request, on a
        snapshot that has the first one's order (a mere ``FOR UPDATE``
        lock would let it go on with its old snapshot)."""
        limited = self.filtered("mall_capacity")
        if lock and limited:
            self.env.cr.execute(
                "UPDATE stock_warehouse SET mall_capacity = mall_capacity "
                "WHERE id IN %s", (tuple(sorted(limited.ids)),))
        counts = limited._mall_orders_routed_today()
        return {warehouse.id: warehouse.mall_capacity - counts.get(
            warehouse.id, 0) for warehouse in limited}

    @api.model
    def _mall_routing_candidates(self, company):
        """The warehouses routing considers for a company: the ones with
        delivery areas (none: routing is not set up)."""
        return self.search([("company_id", "=", company.id),
                            ("mall_area_ids", "!=", False)])

    # ------------------------------------------------------------------
    # Demo

    @api.model
    def _mall_routing_demo(self):
        """The demo set-up: the main warehouse as the 上海 central
        warehouse, regional warehouses 北京, 广州 and 成都 (its children), a
        supplier warehouse that drop-ships, carriers with price rules and
        contracts, a rule, stock, and four confirmed orders: shipped whole
        by the nearest warehouse, split between two warehouses, drop-shipped
        by the supplier, routed by a city-level area.

        Runs once.  Like the orders of mall_order's demo, these records are
        business data without XML ids: they outlive an uninstallation of
        the module (orders, transfers and purchases refer to them)."""
        if self.search_count([("code", "=", "BJ")]):
            return False
        ref = self.env.ref
        china, cn = ref("base.cn"), ref("base.cn").id

        def state(code):
            return ref("l10n_cn.state_%s" % code).id

        def areas(*specs):
            return [(0, 0, {"country_id": cn, "state_id": code and state(code),
                            "city": city, "level": level, "lead_days": days,
                            "cost": cost})
                    for code, city, level, days, cost in specs]

        central = ref("stock.warehouse0")
        central.write({
            "name": "上海中心仓", "mall_kind": "central", "mall_sequence": 1,
            "mall_area_ids": areas(
                (None, None, "2", 3, 12.0), ("SH", None, "1", 1, 6.0),
                ("JS", None, "1", 1, 8.0), ("ZJ", None, "1", 1, 8.0))})
        supplier = self.env["res.partner"].create({
            "name": "云南普洱茶业有限公司", "is_company": True,
            "supplier": True, "customer": False, "country_id": cn})
        beijing = self.create({
            "name": "北京区域仓", "code": "BJ", "mall_parent_id": central.id,
            "mall_capacity": 500, "mall_area_ids": areas(
                ("BJ", None, "1", 1, 6.0), ("TJ", None, "1", 1, 7.0),
                ("HE", None, "2", 2, 8.0))})
        guangzhou = self.create({
            "name": "广州区域仓", "code": "GZ", "mall_parent_id": central.id,
            "mall_area_ids": areas(
                ("GD", None, "1", 1, 6.0), (None, None, "3", 4, 15.0))})
        chengdu = self.create({
            "name": "成都区域仓", "code": "CD", "mall_parent_id": central.id,
            "mall_area_ids": areas(
                ("SC", None, "1", 1, 6.0), ("SC", "成都市", "1", 0, 4.0))})
        supplier_wh = self.create({
            "name": "普洱供应商协同仓", "code": "SUPPE", "mall_kind": "supplier",
            "mall_supplier_id": supplier.id, "mall_purchasable": False,
            "mall_sequence": 20,
            "mall_area_ids": areas((None, None, "2", 4, 10.0))})
        Product = self.env["product.product"]
        teasets = self.env["product.category"].create({
            "name": "茶具 Tea sets",
            "parent_id": ref("product.product_category_all").id})
        longjing = Product.create({
            "name": "龙井茶礼盒", "default_code": "RT-LJ-GIFT",
            "type": "product", "list_price": 298.0, "weight": 1.2})
        teaset = Product.create({
            "name": "景德镇青花茶具", "default_code": "RT-TEASET",
            "type": "product", "list_price": 468.0, "weight": 2.5,
            "categ_id": teasets.id})
        puer = Product.create({
            "name": "云南普洱茶饼 357g", "default_code": "RT-PUER",
            "type": "product", "list_price": 188.0, "weight": 0.4,
            "seller_ids": [(0, 0, {"name": supplier.id, "price": 95.0,
                                   "delay": 2})]})
        carriers = {}
        for code, name, base, per_kg, contract, rate in (
                ("SF", "顺丰速运 SF", 18.0, 6.0, "SF-2026-001", 1.0),
                ("ZTO", "中通快递 ZTO", 8.0, 2.0, "ZTO-2026-017", 0.8),
                ("JD", "京东物流 JD", 12.0, 4.0, "JD-2026-005", 1.2)):
            carriers[code] = self.env["delivery.carrier"].create({
                "name": name, "delivery_type": "base_on_rule",
                "country_ids": [(6, 0, [cn])],
                "product_id": Product.create({
                    "name": "%s 运费" % name, "type": "service",
                    "sale_ok": False, "purchase_ok": False}).id,
                "price_rule_ids": [(0, 0, {
                    "variable": "weight", "operator": "<=",
                    "max_value": 1000, "list_base_price": base,
                    "list_price": per_kg, "variable_factor": "weight"})],
                "mall_contract_ref": contract, "mall_commission_rate": rate,
                "mall_min_cod_amount": 10.0})
        CarrierRule = self.env["mall.routing.carrier.rule"]
        CarrierRule.create({"warehouse_id": beijing.id,
                            "carrier_id": carriers["JD"].id})
        CarrierRule.create({
            "warehouse_id": central.id, "country_id": cn,
            "state_ids": [(6, 0, [state("SH"), state("JS"), state("ZJ")])],
            "carrier_id": carriers["SF"].id})
        self.env["mall.routing.rule"].create({
            "name": "茶具易碎：不走供应商仓", "action": "exclude",
            "warehouse_ids": [(6, 0, supplier_wh.ids)],
            "categ_ids": [(6, 0, teasets.ids)]})
        Quant = self.env["stock.quant"]
        for warehouse, product, qty in (
                (central, longjing, 40), (beijing, longjing, 15),
                (guangzhou, teaset, 10), (chengdu, longjing, 8),
                (supplier_wh, puer, 200)):
            Quant._update_available_quantity(
                product, warehouse.lot_stock_id, qty)
        orders = self.env["sale.order"]
        for name, code, city, lines in (
                ("王芳（北京）", "BJ", "北京市", [(longjing, 2)]),
                ("李雷（北京）", "BJ", "北京市", [(longjing, 1), (teaset, 1)]),
                ("陈静（上海）", "SH", "上海市", [(puer, 3)]),
                ("张伟（成都）", "SC", "成都市", [(longjing, 1)])):
            customer = self.env["res.partner"].create({
                "name": name, "customer": True, "country_id": china.id,
                "state_id": state(code), "city": city,
                "street": "演示路 1 号"})
            orders |= orders.create({
                "partner_id": customer.id,
                "order_line": [(0, 0, {
                    "product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines]})
        for order in orders:
            order.action_confirm()
        return orders
