# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from . import commission

STATES = [
    ("pending", "Pending"),
    ("earned", "Earned"),
    ("settled", "Settled"),
    ("paid", "Paid"),
    ("cancelled", "Cancelled"),
]
KINDS = [
    ("commission", "Commission"),
    ("rebate", "HQ sales rebate"),
    ("adjustment", "Refund after settlement"),
]


class MallCommission(models.Model):
    """What one beneficiary earns on one order at one level: one line per
    (order, beneficiary, level, kind), whatever the number of events; a
    refund after settlement adds a negative adjustment line for the next
    settlement."""

    _name = "mall.commission"
    _description = "Distribution Commission"
    _order = "date desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one(
        "sale.order", required=True, index=True, ondelete="restrict",
        readonly=True)
    partner_id = fields.Many2one(
        "res.partner", string="Beneficiary", required=True, index=True,
        ondelete="restrict", readonly=True)
    buyer_id = fields.Many2one(
        "res.partner", readonly=True, index=True,
        ondelete="restrict")
    store_id = fields.Many2one(
        related="order_id.store_id", store=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(
        related="company_id.currency_id", readonly=True, store=True)
    date = fields.Date(required=True, readonly=True,
                       default=fields.Date.context_today)
    level = fields.Integer(
        readonly=True, help="1: the buyer's upline, 2: theirs...; 0: the "
        "HQ sales rebate of the store.")
    kind = fields.Selection(KINDS, required=True, readonly=True,
                            default="commission")
    base = fields.Monetary(readonly=True,
                           help="The order's commission base when paid.")
    rate = fields.Float(string="Rate (%)", readonly=True, digits=(16, 4))
    original_amount = fields.Monetary(readonly=True)
    refunded_base = fields.Monetary(
        readonly=True, help="Refunded part of the base so far.")
    amount = fields.Monetary(readonly=True)
    state = fields.Selection(STATES, required=True, readonly=True,
                             default="pending", index=True)
    earned_date = fields.Date(readonly=True)
    adjusts_id = fields.Many2one(
        "mall.commission", readonly=True, index=True,
        ondelete="restrict")
    note = fields.Char(readonly=True)
    settlement_id = fields.Many2one(
        "mall.commission.settlement", readonly=True, index=True,
        ondelete="set null", copy=False)

    @api.model_cr
    def init(self):
        # One line per (order, beneficiary, level, kind); adjustments are
        # one per refunded credit note.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS mall_commission_unique_line
                ON mall_commission (order_id, partner_id, level, kind)
             WHERE adjusts_id IS NULL""")

    # ------------------------------------------------------------------
    # From the order events

    @api.model
    def _mall_excluded_products(self, products):
        """The products that earn no commission: flagged so, or the
        marketplace shipping product of mall_channel (when installed)."""
        shipping = self.env.ref("mall_channel.product_channel_shipping",
                                raise_if_not_found=False)
        return products.filtered(
            lambda product: product.mall_no_commission
            or product == shipping)

    @api.model
    def _mall_order_lines(self, order):
        """The order's lines as the commission sees them."""
        excluded = self._mall_excluded_products(
            order.order_line.mapped("product_id"))
        return [commission.Line(
            line.price_subtotal,
            line.product_id.categ_id._mall_commission_rates(),
            line.product_id in excluded
            or bool(getattr(line, "is_delivery", False)))
            for line in order.order_line]

    @api.model
    def _mall_create_for_orders(self, orders):
        """Pending commissions of paid orders, computed in Python and
        written with one INSERT for all the orders.  An order that has
        its lines already is skipped (events may repeat), and the unique
        index makes a concurrent duplicate insert nothing."""
        done = set(self.search([("order_id", "in", orders.ids),
                                ("adjusts_id", "=", False)]).mapped(
                                    "order_id").ids)
        today = fields.Date.context_today(self)
        rows = []
        for order in orders.filtered(lambda o: o.id not in done):
            company = order.company_id
            buyer = order.partner_id.commercial_partner_id
            chain = buyer._mall_chain()
            if company.mall_commission_self_purchase and \
                    buyer.mall_can_recruit:
                chain = [(buyer.id, buyer.mall_is_store)] + chain
            if not chain:
                continue
            for share in commission.shares(
                    self._mall_order_lines(order), chain,
                    company._mall_commission_rates(),
                    levels=company._mall_paid_levels(),
                    rebate_rate=company.mall_hq_rebate_rate,
                    points_paid=order._mall_points_paid()):
                rows.append((
                    order.id, share.partner_id, buyer.id,
                    order.store_id.id or None, company.id,
                    company.currency_id.id, today, share.level, share.kind,
                    share.base, share.rate, share.amount, 0.0, share.amount,
                    "pending", self.env.uid, self.env.uid))
        if not rows:
            return self.browse()
        self._mall_insert_rows(rows)
        return self.search([("order_id", "in", list({
            row[0] for row in rows})), ("adjusts_id", "=", False)])

    @api.model
    def _mall_insert_rows(self, rows):
        """INSERT the rows (see ``_mall_create_for_orders``) in pages."""
        cr = self.env.cr
        for start in range(0, len(rows), 1000):
            page = rows[start:start + 1000]
            cr.execute("""
                INSERT INTO mall_commission (
                    order_id, partner_id, buyer_id, store_id, company_id,
                    currency_id, date, level, kind, base, rate,
                    original_amount, refunded_base, amount, state,
                    create_uid, write_uid, create_date, write_date)
                SELECT v.*, now() AT TIME ZONE 'UTC',
                       now() AT TIME ZONE 'UTC'
                  FROM (VALUES %s) AS v
                ON CONFLICT (order_id, partner_id, level, kind)
                   WHERE adjusts_id IS NULL DO NOTHING""" % ", ".join(
                ["(%s::int, %s::int, %s::int, %s::int, %s::int, %s::int, "
                 "%s::date, %s::int, %s::varchar, %s::numeric, %s::numeric, "
                 "%s::numeric, %s::numeric, %s::numeric, %s::varchar, "
                 "%s::int, %s::int)"] * len(page)),
                [value for row in page for value in row])
        self.env["sale.order"].invalidate_cache(["mall_commission_ids"])
        self.invalidate_cache()

    @api.model
    def _mall_refund(self, order, refunded_base, reference):
        """Take a refund into account: lines not settled yet shrink pro
        rata (on the cumulative refunded base), settled or paid lines get a
        negative adjustment for the next settlement."""
        adjustments = self.browse()
        for line in self.search([("order_id", "=", order.id),
                                 ("adjusts_id", "=", False),
                                 ("state", "!=", "cancelled")]):
            total_refunded = min(line.base, line.refunded_base + refunded_base)
            left = commission.after_refund(
                line.original_amount, line.base, total_refunded)
            if line.state in ("pending", "earned"):
                line.write({"refunded_base": total_refunded, "amount": left})
                continue
            already = sum(self.search([("adjusts_id", "=", line.id)])
                          .mapped("amount"))
            delta = commission.cents(left - line.original_amount - already)
            line.refunded_base = total_refunded
            if delta:
                adjustments |= self.create({
                    "order_id": order.id, "partner_id": line.partner_id.id,
                    "buyer_id": line.buyer_id.id,
                    "company_id": line.company_id.id, "level": line.level,
                    "kind": "adjustment", "base": line.base,
                    "rate": line.rate, "original_amount": delta,
                    "amount": delta, "state": "earned",
                    "earned_date": fields.Date.context_today(self),
                    "adjusts_id": line.id, "note": reference})
        return adjustments
