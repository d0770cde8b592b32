# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The first layer of the import (as 聚水潭 and 旺店通 do it): every payload
a channel sends is stored as is, then turned into or merged with a sale
order.  A payload that cannot be imported stays here with its error."""
import hashlib
import json
import logging

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.float_utils import float_compare

from odoo.addons.queue_job.exception import RetryableJobError

from ..adapters import ChannelError
from .res_partner_state import find_state

_logger = logging.getLogger(__name__)

STATES = [
    ("new", "To import"),
    ("held", "Held for review"),
    ("done", "Imported"),
    ("error", "Error"),
    ("ignored", "Ignored"),
]
CLOSED = ("cancelled", "refunded")


def payload_hash(payload):
    return hashlib.sha1(json.dumps(
        payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class MallChannelOrder(models.Model):
    _name = "mall.channel.order"
    _description = "Channel Order"
    _order = "received_date desc, id desc"
    _rec_name = "channel_order_id"

    store_id = fields.Many2one(
        "mall.store", required=True, index=True, ondelete="restrict")
    company_id = fields.Many2one(
        related="store_id.company_id", store=True, readonly=True)
    channel_order_id = fields.Char(
        string="Channel Order ID", required=True, index=True)
    payload = fields.Text(required=True, help="The order as the platform "
                          "sent it (JSON), kept even when it cannot be read.")
    payload_hash = fields.Char(index=True)
    channel_status = fields.Char(string="Status on the Platform")
    channel_updated_at = fields.Datetime(string="Changed on the Platform")
    received_date = fields.Datetime(
        string="Received", required=True, default=fields.Datetime.now,
        index=True)
    state = fields.Selection(
        STATES, required=True, default="new", index=True)
    error = fields.Text()
    review_reasons = fields.Text(string="Held Because")
    attempts = fields.Integer(help="Imports tried.")
    buyer_id = fields.Char(string="Buyer ID", index=True,
                           help="The platform's buyer id (OAID...).")
    buyer_nick = fields.Char(string="Buyer Nickname")
    sku_signature = fields.Char(help="Sorted SKU codes, for duplicates.")
    sale_order_id = fields.Many2one(
        "sale.order", index=True, ondelete="set null",
        readonly=True)

    _sql_constraints = [
        ("store_channel_order_uniq", "unique(store_id, channel_order_id)",
         "A channel order is stored once per store."),
    ]

    # ------------------------------------------------------------------
    # Receiving

    @api.model
    def _mall_receive(self, store, payloads):
        """Store the raw payloads of a page, one record per (store, channel
        order id): new ones are created, changed ones updated and queued
        for import again, identical ones left alone.  Returns the records
        to import."""
        adapter = store._mall_get_adapter()
        by_id = {}
        for payload in payloads:
            by_id[self._mall_payload_id(adapter, payload)] = payload
        existing = {rec.channel_order_id: rec for rec in self.search([
            ("store_id", "=", store.id),
            ("channel_order_id", "in", list(by_id))])}
        todo = self.browse()
        for channel_order_id, payload in by_id.items():
            digest = payload_hash(payload)
            record = existing.get(channel_order_id)
            values = {"payload": json.dumps(payload, ensure_ascii=False),
                      "payload_hash": digest}
            if record:
                if record.payload_hash != digest:
                    record.write(dict(values, state="new", error=False,
                                      received_date=fields.Datetime.now()))
                    todo |= record
                elif record.state == "new":
                    todo |= record
                continue
            values.update(store_id=store.id, channel_order_id=channel_order_id)
            todo |= self._mall_create_unique(values)
        return todo

    @api.model
    def _mall_payload_id(self, adapter, payload):
        try:
            return str(adapter.normalize_order(payload)["channel_order_id"])
        except ChannelError:
            # Unreadable: keep it under a key derived from its content.
            for key in ("tid", "id", "order_id", "channel_order_id"):
                if isinstance(payload, dict) and payload.get(key):
                    return str(payload[key])
            return "unreadable-%s" % payload_hash(payload)[:16]

    @api.model
    def _mall_create_unique(self, values):
        """Create; when another worker created the same (store, channel
        order id) at the same moment, the unique constraint refuses it and
        the job is retried (it will then see that record)."""
        try:
            with self.env.cr.savepoint():
                return self.create(values)
        except psycopg2.IntegrityError:
            raise RetryableJobError(_(
                "Channel order %s was received by another worker at the same "
                "time; retrying.") % values["channel_order_id"], seconds=2)

    # ------------------------------------------------------------------
    # Importing

    @api.multi
    def _mall_process(self):
        """Import each record in a savepoint: an order is imported whole or
        not at all, and its error is kept on the record."""
        counts = {"created": 0, "updated": 0, "unchanged": 0, "held": 0,
                  "errors": 0}
        # Imported documents need no "created" chatter line nor followers:
        # the channel order is their record.
        records = self.with_context(
            tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True, mail_notrack=True)
        skus = records._mall_resolve_page()
        for record in records:
            record.attempts += 1
            try:
                with self.env.cr.savepoint():
                    outcome = record._mall_import(skus.get(record.store_id.id))
            except (ChannelError, UserError, ValidationError) as error:
                record.write({"state": "error", "error": "%s" % (
                    error.name if hasattr(error, "name") else error)})
                counts["errors"] += 1
                continue
            counts[outcome] += 1
        return counts

    @api.multi
    def _mall_resolve_page(self):
        """Resolve the SKUs of all new orders of the records at once (one
        search per store instead of one per order): {store id: {code:
        mall.channel.sku}}.  Unreadable payloads are skipped here; their
        import records the error."""
        result = {}
        for store in self.mapped("store_id"):
            adapter = store._mall_get_adapter()
            codes = set()
            for record in self.filtered(
                    lambda r: r.store_id == store and not r.sale_order_id):
                try:
                    data = record._mall_get_data(adapter)
                except (ChannelError, UserError):
                    continue
                codes.update(line["sku"] for line in data["lines"])
            result[store.id] = self.env["mall.channel.sku"]._mall_resolve(
                store, codes)
        return result

    @api.multi
    def action_retry(self):
        """Import again (after fixing the SKU mapping, the address...)."""
        records = self.filtered(lambda r: r.state in ("error", "new"))
        records.write({"state": "new"})
        return records._mall_process()

    @api.multi
    def action_release(self):
        """A person checked a held order: confirm it."""
        for record in self.filtered(lambda r: r.state == "held"):
            order = record.sale_order_id
            if order.state in ("draft", "sent"):
                order.action_confirm()
                order._mall_sync_events()
            record.write({"state": "done", "review_reasons": False})
        return True

    @api.multi
    def action_ignore(self):
        self.filtered(lambda r: r.state in ("error", "new")).write(
            {"state": "ignored"})
        return True

    @api.multi
    def _mall_get_data(self, adapter=None):
        self.ensure_one()
        try:
            payload = json.loads(self.payload)
        except ValueError:
            raise UserError(_("The payload is not valid JSON."))
        adapter = adapter or self.store_id._mall_get_adapter()
        return adapter.normalize_order(payload)

    @api.multi
    def _mall_import(self, skus=None):
        """Create or update the sale order of the payload; returns
        "created", "updated", "unchanged" or "held".  ``skus``: the SKUs
        already resolved for the page ({code: mall.channel.sku})."""
        self.ensure_one()
        data = self._mall_get_data()
        codes = sorted(line["sku"] for line in data["lines"])
        self.write({
            "channel_status": data["status"],
            "channel_updated_at": data.get("updated_at"),
            "buyer_id": data.get("buyer_id"),
            "buyer_nick": data.get("buyer_nick"),
            "sku_signature": ",".join(codes),
            "error": False,
        })
        if self.sale_order_id:
            return self._mall_update_order(data)
        if data["status"] in CLOSED:
            # Cancelled before it reached us: nothing to import.
            self.state = "ignored"
            return "unchanged"
        order = self.env["sale.order"].create(
            self._mall_prepare_order(data, skus))
        self.sale_order_id = order
        reasons = self.env["mall.channel.review.rule"]._mall_get_hold_reasons(
            self.store_id, data)
        if reasons:
            self.write({"state": "held", "review_reasons": "\n".join(reasons)})
            return "held"
        if self.store_id.channel_auto_confirm:
            order.action_confirm()
            # Paid on the platform: the order's payment event.
            order._mall_sync_events()
        self.state = "done"
        return "created"

    @api.multi
    def _mall_update_order(self, data):
        order = self.sale_order_id
        changed = False
        if data["status"] in CLOSED and order.state != "cancel":
            if order.mall_is_shipped:
                raise UserError(_(
                    "The platform closed order %s after it was shipped: "
                    "handle it as an after-sales request.") % order.name)
            order.action_cancel()
            # Nothing left to review on a cancelled order.
            self.review_reasons = False
            self.state = "done"
            changed = True
        paid = data.get("paid_amount") or 0.0
        if data["status"] not in CLOSED and float_compare(
                paid, order.mall_channel_paid_amount,
                precision_rounding=order.currency_id.rounding) != 0:
            order.mall_channel_paid_amount = paid
            order._mall_sync_events()
            changed = True
        remark = data.get("remark") or False
        if remark != (order.mall_channel_remark or False):
            order.mall_channel_remark = remark
            changed = True
        # A held order (still a quotation) stays held until someone checks
        # it, whatever the platform changed meanwhile.
        self.state = "held" if order.state in ("draft", "sent") else "done"
        return "updated" if changed else "unchanged"

    # ------------------------------------------------------------------
    # Building the sale order

    @api.multi
    def _mall_prepare_order(self, data, skus=None):
        self.ensure_one()
        store = self.store_id
        partner, shipping = self._mall_get_partners(data)
        values = {
            "partner_id": partner.id,
            "partner_invoice_id": partner.id,
            "partner_shipping_id": shipping.id,
            "store_id": store.id,
            "company_id": store.company_id.id,
            "client_order_ref": data["channel_order_id"],
            "mall_channel_order_id": self.id,
            "mall_channel_remark": data.get("remark") or False,
            "mall_channel_paid_amount": 0.0 if data["status"] == "unpaid"
            else data.get("paid_amount") or 0.0,
            "order_line": self._mall_prepare_lines(data, skus),
        }
        if store.warehouse_id:
            values["warehouse_id"] = store.warehouse_id.id
        if store.team_id:
            values["team_id"] = store.team_id.id
        if store.pricelist_id:
            values["pricelist_id"] = store.pricelist_id.id
        return values

    @api.multi
    def _mall_prepare_lines(self, data, skus=None):
        """Order lines at the platform's prices (tax included as the
        platform shows them), bundles split into their components, the
        shipping fee and the order discount as lines of their own."""
        self.ensure_one()
        store = self.store_id
        codes = [line["sku"] for line in data["lines"]]
        if skus is None or not set(codes) <= set(skus):
            skus = self.env["mall.channel.sku"]._mall_resolve(store, codes)
        unknown = sorted(set(codes) - set(skus))
        if unknown:
            raise UserError(_(
                "Unknown SKU %s: map it to a product (Mall > Channels > SKU "
                "Mapping) and retry.") % ", ".join(unknown))
        lines = []
        for line in data["lines"]:
            sku = skus[line["sku"]]
            net = line["quantity"] * line["price_unit"] - (
                line.get("discount_amount") or 0.0)
            lines.extend(self._mall_split_bundle(sku, line, net))
        if data.get("shipping_fee"):
            lines.append(self._mall_service_line(
                "mall_channel.product_channel_shipping", data["shipping_fee"]))
        if data.get("discount_amount"):
            lines.append(self._mall_service_line(
                "mall_channel.product_channel_discount",
                -data["discount_amount"]))
        return lines

    @api.model
    def _mall_split_bundle(self, sku, line, net):
        components = sku.line_ids
        shares = [c.price_share for c in components]
        if not any(shares):
            shares = [c.product_id.lst_price * c.quantity for c in components]
        total_share = sum(shares) or float(len(components))
        result = []
        for component, share in zip(components, shares):
            qty = component.quantity * line["quantity"]
            amount = net * (share or 1.0) / total_share
            result.append((0, 0, {
                "product_id": component.product_id.id,
                "name": line.get("name") or component.product_id.display_name,
                "product_uom_qty": qty,
                "price_unit": amount / qty if qty else 0.0,
                "mall_channel_line_id": line.get("line_id") or False,
                "mall_channel_line_qty": line["quantity"],
                "tax_id": [(6, 0, component.product_id.taxes_id.filtered(
                    lambda t: t.price_include).ids)],
            }))
        return result

    @api.model
    def _mall_service_line(self, xmlid, amount):
        product = self.env.ref(xmlid)
        return (0, 0, {"product_id": product.id, "name": product.name,
                       "product_uom_qty": 1.0, "price_unit": amount,
                       "tax_id": [(5, 0, 0)]})

    @api.multi
    def _mall_get_partners(self, data):
        """The buyer (matched on the store and the platform's buyer id,
        created once) and the delivery address of this order, kept as the
        platform returned it (masked on Chinese marketplaces)."""
        self.ensure_one()
        # sudo: importing creates the platform's buyers and addresses; the
        # person running the import (customer service) may not create
        # contacts otherwise.
        Partner = self.env["res.partner"].sudo()
        store = self.store_id
        receiver = data.get("receiver") or {}
        buyer_key = data.get("buyer_id") or "nick:%s" % (
            data.get("buyer_nick") or receiver.get("name") or "?")
        buyer = Partner.search([("mall_channel_store_id", "=", store.id),
                                ("mall_channel_buyer_id", "=", buyer_key)],
                               limit=1)
        country = self.env["res.country"].search(
            [("code", "=", (receiver.get("country_code") or "CN").upper())],
            limit=1)
        state = find_state(self.env, country, receiver.get("state"),
                           receiver.get("state_code"))
        address = {
            "country_id": country.id,
            "state_id": state.id,
            "city": receiver.get("city") or False,
            "street": receiver.get("address") or False,
            "street2": receiver.get("district") or False,
            "zip": receiver.get("zip") or False,
        }
        if not buyer:
            buyer = Partner.create(dict(
                address, customer=True, company_id=store.company_id.id,
                name=data.get("buyer_nick") or receiver.get("name")
                or buyer_key,
                mall_channel_store_id=store.id,
                mall_channel_buyer_id=buyer_key,
                mall_channel_nick=data.get("buyer_nick")))
        shipping = Partner.create(dict(
            address, type="delivery", parent_id=buyer.id,
            name=receiver.get("name") or buyer.name,
            phone=receiver.get("phone") or False,
            mall_channel_masked=bool(receiver.get("masked"))))
        return buyer, shipping
