# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Stock push: the sellable quantity of every SKU of a store, computed for
all SKUs at once, and pushed to the platform when it changed."""
import math
from collections import defaultdict

from psycopg2.extras import execute_values

from odoo import _, api, fields, models


from ..adapters import ChannelError
from .channel_tools import retry_if_retryable

#: SKUs per platform call batch.
PUSH_BATCH = 100


def sellable_quantity(components, free, safety, share, cap):
    """The quantity offered on the platform and how it was computed.

    ``components``: [(product_id, quantity per SKU unit)]; ``free``:
    {product_id: on hand − reserved}.  A bundle offers as many units as
    its scarcest component allows; then the safety stock is kept back, the
    store's share applied, rounded down, never below 0, capped if set.
    """
    base = None
    for product_id, per_unit in components:
        units = math.floor(max(free.get(product_id, 0.0), 0.0) / per_unit)
        base = units if base is None else min(base, units)
    base = base or 0
    quantity = int(math.floor(max(base - safety, 0.0) * share / 100.0 + 1e-9))
    if cap:
        quantity = min(quantity, int(cap))
    parts = []
    if len(components) > 1 or components[0][1] != 1:
        parts.append(_("bundle: min over components = %d") % base)
    else:
        parts.append(_("free %d") % base)
    explanation = "(%s − safety %g) × %g%%" % (parts[0], safety, share)
    if cap:
        explanation += _(", capped at %d") % cap
    return quantity, "%s = %d" % (explanation, quantity)


class MallChannelStock(models.Model):
    _name = "mall.channel.stock"
    _description = "Channel Stock Level"
    _order = "store_id, code"
    _rec_name = "code"

    store_id = fields.Many2one(
        "mall.store", required=True, index=True, ondelete="cascade")
    sku_id = fields.Many2one(
        "mall.channel.sku", string="SKU", required=True, index=True,
        ondelete="cascade")
    code = fields.Char(string="SKU Code", required=True)
    on_hand = fields.Float(readonly=True)
    reserved = fields.Float(readonly=True)
    quantity = fields.Integer(
        string="To Offer", readonly=True,
        help="Sellable quantity computed for the platform.")
    explanation = fields.Char(string="How", readonly=True)
    computed_date = fields.Datetime(readonly=True)
    pushed_quantity = fields.Integer(readonly=True)
    pushed_date = fields.Datetime(readonly=True)
    state = fields.Selection(
        [("to_push", "To push"), ("pushed", "Pushed"), ("error", "Error")],
        default="to_push", required=True, readonly=True, index=True)
    message = fields.Char(readonly=True)

    _sql_constraints = [
        ("store_sku_uniq", "unique(store_id, sku_id)",
         "One stock level per store and SKU."),
    ]

    @api.model
    def _mall_compute(self, store):
        """Compute the levels of every SKU of the store with two queries
        (SKU components, quant sums) and write them with one upsert; a
        level whose quantity changed becomes "to push".  Returns the
        number of levels that changed."""
        skus = self.env["mall.channel.sku"].search(
            [("store_id", "in", [store.id, False])])
        components = defaultdict(list)
        for line in self.env["mall.channel.sku.line"].search_read(
                [("sku_id", "in", skus.ids)],
                ["sku_id", "product_id", "quantity"]):
            components[line["sku_id"][0]].append(
                (line["product_id"][0], line["quantity"]))
        location = store._mall_stock_location()
        on_hand, reserved = {}, {}
        for row in self.env["stock.quant"].read_group(
                [("location_id", "child_of", location.id),
                 ("product_id", "in", list({p for c in components.values()
                                            for p, _q in c}))],
                ["product_id", "quantity", "reserved_quantity"],
                ["product_id"]):
            on_hand[row["product_id"][0]] = row["quantity"]
            reserved[row["product_id"][0]] = row["reserved_quantity"]
        free = {p: on_hand[p] - reserved.get(p, 0.0) for p in on_hand}
        now = fields.Datetime.now()
        rows = []
        for sku in skus:
            parts = components.get(sku.id)
            if not parts:
                continue
            quantity, explanation = sellable_quantity(
                parts, free, store.stock_safety, store.stock_share,
                store.stock_cap)
            first = parts[0][0]
            rows.append((store.id, sku.id, sku.code, on_hand.get(first, 0.0),
                         reserved.get(first, 0.0), quantity, explanation, now))
        if not rows:
            return 0
        # One statement for all SKUs (measured hot path: 10,000 SKUs, see
        # the README): insert new levels, update changed ones.
        execute_values(self.env.cr, """
            INSERT INTO mall_channel_stock
                (store_id, sku_id, code, on_hand, reserved, quantity,
                 explanation, computed_date, state, pushed_quantity,
                 create_uid, write_uid, create_date, write_date)
            SELECT v.store_id, v.sku_id, v.code, v.on_hand, v.reserved,
                   v.quantity, v.explanation, v.computed_date::timestamp,
                   'to_push', 0, %(uid)s, %(uid)s, now() at time zone 'utc',
                   now() at time zone 'utc'
            FROM (VALUES %%s) AS v(store_id, sku_id, code, on_hand, reserved,
                                  quantity, explanation, computed_date)
            ON CONFLICT (store_id, sku_id) DO UPDATE SET
                on_hand = EXCLUDED.on_hand, reserved = EXCLUDED.reserved,
                quantity = EXCLUDED.quantity,
                explanation = EXCLUDED.explanation,
                computed_date = EXCLUDED.computed_date,
                write_date = EXCLUDED.write_date,
                state = CASE
                    WHEN mall_channel_stock.pushed_date IS NOT NULL
                     AND mall_channel_stock.pushed_quantity = EXCLUDED.quantity
                     AND mall_channel_stock.state = 'pushed'
                    THEN 'pushed' ELSE 'to_push' END
        """ % {"uid": int(self.env.uid)}, rows, page_size=1000)
        self.invalidate_cache()
        return self.search_count([("store_id", "=", store.id),
                                  ("state", "=", "to_push")])

    @api.model
    def _mall_push(self, store):
        """Send the levels to push in batches; each level records its
        result."""
        adapter = store._mall_get_adapter()
        todo = self.search([("store_id", "=", store.id),
                            ("state", "in", ("to_push", "error"))])
        pushed = 0
        for start in range(0, len(todo), PUSH_BATCH):
            batch = todo[start:start + PUSH_BATCH]
            try:
                results = adapter.push_stock(
                    {level.code: level.quantity for level in batch})
            except ChannelError as error:
                retry_if_retryable(error, store.name)
                batch.write({"state": "error", "message": "%s" % error})
                continue
            failed = batch.filtered(lambda level: results.get(level.code))
            for level in failed:
                level.write({"state": "error",
                             "message": results[level.code]})
            done = batch - failed
            if done:
                # One statement per batch: each level's pushed quantity is
                # its own computed quantity.
                self.env.cr.execute("""
                    UPDATE mall_channel_stock
                       SET state = 'pushed', message = NULL,
                           pushed_quantity = quantity,
                           pushed_date = now() at time zone 'utc',
                           write_date = now() at time zone 'utc',
                           write_uid = %s
                     WHERE id IN %s""", (self.env.uid, tuple(done.ids)))
                done.invalidate_cache()
                pushed += len(done)
        return pushed
