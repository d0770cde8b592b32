# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models


class MallOrderFlow(models.AbstractModel):
    """Drives orders through their lifecycle the way staff do in the web
    client (confirm, invoice, register the payment, ship, receive the
    goods back, pay a refund).  Used by the demo data and the tests; not
    called by the business code."""

    _name = "mall.order.flow"
    _description = "Order lifecycle driver (demo data and tests)"

    @api.model
    def _get_journal(self, company, journal_type):
        return self.env["account.journal"].search([
            ("type", "=", journal_type), ("company_id", "=", company.id),
        ], limit=1)

    @api.model
    def invoice(self, orders):
        """Invoice the orders and validate the invoices."""
        invoice_ids = orders.action_invoice_create()
        invoices = self.env["account.invoice"].browse(invoice_ids)
        invoices.action_invoice_open()
        return invoices

    @api.model
    def register_payment(self, invoice, amount=None, payment_type="inbound"):
        """Register a bank payment of ``amount`` (default: the residual) on
        a validated invoice or, with ``outbound``, pay a credit note."""
        method = self.env.ref(
            "account.account_payment_method_manual_in"
            if payment_type == "inbound"
            else "account.account_payment_method_manual_out")
        payment = self.env["account.payment"].create({
            "payment_type": payment_type,
            "partner_type": "customer",
            "partner_id": invoice.commercial_partner_id.id,
            "amount": invoice.residual if amount is None else amount,
            "currency_id": invoice.currency_id.id,
            "journal_id": self._get_journal(invoice.company_id, "bank").id,
            "payment_method_id": method.id,
            "payment_date": fields.Date.context_today(self),
            "invoice_ids": [(4, invoice.id)],
        })
        payment.post()
        return payment

    @api.model
    def pay(self, orders):
        """Invoice the orders and pay the invoices in full."""
        invoices = self.invoice(orders)
        for invoice in invoices:
            self.register_payment(invoice)
        return invoices

    @api.model
    def process_picking(self, pickings, quantities=None):
        """Validate pickings with the quantity of each move done (or
        ``quantities[product]`` when given)."""
        for picking in pickings:
            picking.action_assign()
            for move in picking.move_lines:
                qty = move.product_uom_qty
                if quantities and move.product_id in quantities:
                    qty = quantities[move.product_id]
                move.quantity_done = qty
            picking.action_done()
        return pickings

    @api.model
    def ship(self, orders):
        """Ship every open delivery of the orders completely."""
        pickings = orders.mapped("picking_ids").filtered(
            lambda p: p.state not in ("done", "cancel")
            and p.picking_type_id.code == "outgoing")
        return self.process_picking(pickings)

    @api.model
    def move_dates(self, orders, days=0, minutes=0):
        """Move the orders' lifecycle dates back in time, as if they had
        been placed and shipped earlier (demo data and cron tests)."""
        delta = timedelta(days=days, minutes=minutes)

        def back(value):
            return value and fields.Datetime.to_string(
                fields.Datetime.from_string(value) - delta)

        for order in orders:
            order.write({
                "date_order": back(order.date_order),
                "confirmation_date": back(order.confirmation_date),
            })
            for picking in order.picking_ids.filtered("date_done"):
                picking.date_done = back(picking.date_done)
            if order.mall_received_date:
                order.mall_received_date = back(order.mall_received_date)
        return orders

    # ------------------------------------------------------------------
    # Demo data

    #: (store, customer, status to reach, days ago) of the demo orders.
    DEMO_ORDERS = [
        ("own", "shanghai", "quotation", 0),
        ("tmall", "hangzhou", "quotation", 1),
        ("own", "beijing", "to_pay", 0),
        ("own", "guangzhou", "to_pay", 0),
        ("shop", "wuhan", "to_pay", 0),
        ("tmall", "chengdu", "paid", 1),
        ("own", "xian", "paid", 2),
        ("shop", "shenyang", "paid", 1),
        ("tmall", "shanghai", "shipping", 3),
        ("own", "hangzhou", "shipping", 4),
        ("shop", "guangzhou", "shipping", 2),
        ("own", "beijing", "delivered", 6),
        ("tmall", "wuhan", "delivered", 5),
        ("shop", "chengdu", "delivered", 7),
        ("own", "xian", "done", 30),
        ("tmall", "shenyang", "done", 25),
        ("own", "shanghai", "done", 40),
        ("own", "guangzhou", "cancel", 3),
        ("tmall", "beijing", "cancel", 2),
        ("own", "hangzhou", "return", 8),
        ("shop", "shanghai", "aftersale_request", 4),
    ]

    #: Demo customers: key, name, province, city, street.
    DEMO_CUSTOMERS = [
        ("shanghai", "陈静 (Chen Jing)", "SH", "上海", "浦东新区世纪大道 100 号"),
        ("hangzhou", "王芳 (Wang Fang)", "ZJ", "杭州", "西湖区文三路 90 号"),
        ("beijing", "李强 (Li Qiang)", "BJ", "北京", "朝阳区建国路 88 号"),
        ("guangzhou", "黄丽 (Huang Li)", "GD", "广州", "天河区体育西路 1 号"),
        ("chengdu", "张伟 (Zhang Wei)", "SC", "成都", "锦江区春熙路 8 号"),
        ("wuhan", "刘洋 (Liu Yang)", "HB", "武汉", "江汉区解放大道 690 号"),
        ("xian", "杨帆 (Yang Fan)", "SN", "西安", "雁塔区长安南路 88 号"),
        ("shenyang", "赵磊 (Zhao Lei)", "LN", "沈阳", "和平区中华路 21 号"),
    ]

    @api.model
    def _populate_demo(self):
        """Demo orders of the three demo stores in every status and sales
        region, one return in progress and one request to decide, and a
        portal customer (login and password ``mall_portal_demo``).

        Runs once: the orders carry the customer reference MALL-DEMO-nn.
        The customers, products and orders are business data without XML
        ids: they outlive an uninstallation of the module, like any order
        (posted invoices and done transfers cannot be deleted)."""
        SaleOrder = self.env["sale.order"]
        if SaleOrder.search_count([("client_order_ref", "=like", "MALL-DEMO-%")]):
            return False
        ref = self.env.ref
        stores = {
            "own": ref("mall_base.mall_store_own_shop"),
            "tmall": ref("mall_base.mall_store_tmall_demo"),
            "shop": ref("mall_base.mall_store_shanghai_demo"),
        }
        customers = {}
        for key, name, state, city, street in self.DEMO_CUSTOMERS:
            customers[key] = self.env["res.partner"].create({
                "name": name, "customer": True, "city": city,
                "street": street, "ref": "MALL-DEMO-%s" % key,
                "country_id": ref("base.cn").id,
                "state_id": ref("l10n_cn.state_%s" % state).id,
            })
        self.env["res.users"].with_context(no_reset_password=True).create({
            "login": "mall_portal_demo", "password": "mall_portal_demo",
            "partner_id": customers["shanghai"].id,
            "groups_id": [(6, 0, ref("base.group_portal").ids)],
        })
        category = self.env["product.category"].create({
            "name": "茶叶 Tea (14-day returns)",
            "parent_id": ref("product.product_category_all").id,
            "mall_return_window_override": True, "mall_return_days": 14,
        })
        products = self.env["product.product"].create({
            "name": "西湖龙井 Longjing Tea 250 g", "type": "product",
            "categ_id": category.id, "list_price": 268.0,
            "default_code": "MALL-DEMO-TEA",
        }) | self.env["product.product"].create({
            "name": "宜兴紫砂壶 Yixing Teapot", "type": "product",
            "list_price": 399.0, "default_code": "MALL-DEMO-POT",
        })
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.user.company_id.id)], limit=1)
        for product in products:
            self.env["stock.quant"]._update_available_quantity(
                product, warehouse.lot_stock_id, 500.0)
        for index, (store, customer, status, days) in enumerate(
                self.DEMO_ORDERS, 1):
            order = SaleOrder.create({
                "partner_id": customers[customer].id,
                "store_id": stores[store].id,
                "client_order_ref": "MALL-DEMO-%02d" % index,
                "order_line": [
                    (0, 0, {"product_id": products[0].id,
                            "product_uom_qty": 1 + index % 3}),
                    (0, 0, {"product_id": products[1].id,
                            "product_uom_qty": 1}),
                ],
            })
            self._demo_drive(order, status, days)
        return True

    @api.model
    def _demo_drive(self, order, status, days):
        if status == "quotation":
            return
        order.action_confirm()
        if status == "to_pay":
            return
        if status == "cancel":
            order.action_cancel()
            return
        self.pay(order)
        if status == "paid":
            return
        self.ship(order)
        self.move_dates(order, days=days)
        if status == "shipping":
            return
        order._mall_set_received(auto=days > 15, date=fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now())
            - timedelta(days=max(days - 3, 0))))
        if status == "done":
            order._run_mall_complete()
        elif status in ("return", "aftersale_request"):
            request = self.env["mall.aftersale"].create({
                "order_id": order.id,
                "kind": "return",
                "reason": "quality" if status == "return" else "no_reason",
                "source": "portal",
                "description": "茶叶受潮 / the tea arrived damp.",
                "line_ids": [(0, 0, {
                    "sale_line_id": order.order_line[0].id,
                    "quantity": 1})],
            })
            if status == "return":
                request.action_approve()
