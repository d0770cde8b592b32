# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .. import engine

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
        self.env.cr.execute("""
            SELECT w.id, COALESCE(SUM(q.quantity), 0)
              FROM stock_warehouse w
              JOIN stock_location v ON v.id = w.view_location_id
              LEFT JOIN stock_location l
                ON l.parent_left >= v.parent_left
               AND l.parent_left < v.parent_right
               AND l.usage = 'internal'
              LEFT JOIN stock_quant q ON q.location_id = l.id
             WHERE w.id IN %s
             GROUP BY w.id""", (tuple(family.ids) or (0,),))
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
        self.env.cr.execute("""
            SELECT w.id, q.product_id,
                   SUM(q.quantity - q.reserved_quantity)
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id
              JOIN stock_location v
                ON l.parent_left >= v.parent_left
               AND l.parent_left < v.parent_right
              JOIN stock_warehouse w ON w.view_location_id = v.id
             WHERE l.usage = 'internal' AND w.id IN %s
               AND q.product_id IN %s
             GROUP BY w.id, q.product_id""", (
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
    def _mall_capacity_left(self):
        """{warehouse id: orders it can still take today} for warehouses
        with a daily capacity."""
        limited = self.filtered("mall_capacity")
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
        """Demo stock in the warehouses and three confirmed orders: one
        shipped whole by the nearest warehouse, one split between two
        warehouses, one drop-shipped by the supplier."""
        ref = self.env.ref
        # Module loading defers the nested-set computation of the new
        # warehouses' locations, which routing reads.
        self.env["stock.location"]._parent_store_compute()
        Quant = self.env["stock.quant"]
        longjing = ref("mall_routing.product_longjing_gift")
        teaset = ref("mall_routing.product_teaset")
        puer = ref("mall_routing.product_puer")
        for xmlid, product, qty in (
                ("stock.warehouse0", longjing, 40),
                ("mall_routing.warehouse_beijing", longjing, 15),
                ("mall_routing.warehouse_guangzhou", teaset, 10),
                ("mall_routing.warehouse_chengdu", longjing, 8),
                ("mall_routing.warehouse_supplier", puer, 200)):
            Quant._update_available_quantity(
                product, ref(xmlid).lot_stock_id, qty)
        Partner = self.env["res.partner"]
        china = ref("base.cn")
        orders = self.env["sale.order"]
        for name, state, city, lines in (
                ("王芳（北京）", "l10n_cn.state_BJ", "北京市",
                 [(longjing, 2)]),
                ("李雷（北京）", "l10n_cn.state_BJ", "北京市",
                 [(longjing, 1), (teaset, 1)]),
                ("陈静（上海）", "l10n_cn.state_SH", "上海市",
                 [(puer, 3)]),
                ("张伟（成都）", "l10n_cn.state_SC", "成都市",
                 [(longjing, 1)])):
            customer = Partner.create({
                "name": name, "customer": True, "country_id": china.id,
                "state_id": ref(state).id, "city": city,
                "street": "演示路 1 号"})
            orders |= orders.create({
                "partner_id": customer.id,
                "order_line": [(0, 0, {
                    "product_id": product.id, "product_uom_qty": qty})
                    for product, qty in lines]})
        for order in orders:
            order.action_confirm()
        return orders
