# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import json
import math

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from odoo.addons.queue_job.job import job

from ..adapters import ChannelError
from .channel_tools import retry_if_retryable

#: Write-back retries: after 1 minute, then 5, then 30 (queue_job pattern).
WRITEBACK_RETRY_PATTERN = {1: 60, 3: 300, 6: 1800}


class StockPicking(models.Model):
    _inherit = "stock.picking"

    mall_channel_writeback = fields.Selection(
        [("pending", "To write back"), ("done", "Written back"),
         ("failed", "Failed")], string="Shipment on the Platform",
        readonly=True, copy=False, index=True)
    mall_channel_writeback_date = fields.Datetime(
        string="Written Back On", readonly=True, copy=False)
    mall_channel_writeback_message = fields.Text(
        string="Write-back Message", readonly=True, copy=False)

    @api.multi
    def _mall_channel_store(self):
        self.ensure_one()
        order = self.sale_id
        store = order.mall_channel_order_id.store_id
        if (store and store.channel_can_fetch
                and self.picking_type_id.code == "outgoing"
                and self.location_dest_id.usage == "customer"
                and not self.mall_aftersale_id):
            return store
        return store.browse()

    @api.multi
    def action_done(self):
        result = super(StockPicking, self).action_done()
        for picking in self:
            if picking._mall_channel_store():
                picking._mall_queue_writeback()
        return result

    @api.multi
    def action_mall_channel_writeback(self):
        """Button: write the shipment back again (after fixing the carrier
        code or the tracking number)."""
        for picking in self.filtered(
                lambda p: p.state == "done" and p._mall_channel_store()
                and p.mall_channel_writeback != "done"):
            picking._mall_queue_writeback()
        return True

    @api.multi
    def _mall_queue_writeback(self):
        self.ensure_one()
        store = self._mall_channel_store()
        self.write({"mall_channel_writeback": "pending",
                    "mall_channel_writeback_message": False})
        return self.with_delay(
            channel=store._mall_job_channel(),
            description=_("Write back shipment %s") % self.name,
            identity_key="mall_channel_writeback:%d" % self.id,
        )._job_write_shipment()

    @job(default_channel="root.mall_channel",
         retry_pattern=WRITEBACK_RETRY_PATTERN)
    @api.multi
    def _job_write_shipment(self):
        """Tell the platform the order shipped: carrier code and tracking
        number.  Idempotent: a picking written back is not sent again, and
        the adapters treat "already shipped" as success."""
        self.ensure_one()
        if self.mall_channel_writeback == "done":
            return _("already written back")
        store = self._mall_channel_store()
        if not self.carrier_tracking_ref:
            return self._mall_writeback_failed(_(
                "The delivery has no tracking number."))
        carrier_code = self.carrier_id._mall_channel_code(
            store.channel_adapter) if self.carrier_id else False
        if not carrier_code:
            return self._mall_writeback_failed(_(
                "The delivery has no carrier."))
        channel_order = self.sale_id.mall_channel_order_id
        lines = self._mall_channel_shipped_lines()
        if lines == []:
            return self._mall_writeback_failed(_(
                "The delivery ships no whole platform line (part of a "
                "bundle only): write it back on the platform by hand or with "
                "the delivery that completes the bundle."))
        adapter = store._mall_get_adapter()
        try:
            adapter.write_shipment(
                channel_order.channel_order_id, carrier_code,
                self.carrier_tracking_ref, lines=lines)
        except ChannelError as error:
            retry_if_retryable(error, self.name)
            return self._mall_writeback_failed("%s" % error)
        self.write({"mall_channel_writeback": "done",
                    "mall_channel_writeback_date": fields.Datetime.now(),
                    "mall_channel_writeback_message": False})
        return _("written back: %(carrier)s %(tracking)s") % {
            "carrier": carrier_code, "tracking": self.carrier_tracking_ref}

    @api.multi
    def _mall_channel_shipped_lines(self):
        """The platform lines this delivery ships, [(platform line id,
        quantity)], when it ships part of the order (a split delivery, a
        backorder, a short delivery); None when it ships the whole order
        in one go.  A bundle counts the complete bundles shipped (the
        fewest of its components); a line with no complete unit is left
        out."""
        self.ensure_one()
        order = self.sale_id
        lines = order.order_line.filtered("mall_channel_line_id")
        done = {}
        for move in self.move_lines.filtered(
                lambda m: m.state == "done" and m.sale_line_id in lines):
            done[move.sale_line_id] = done.get(move.sale_line_id, 0.0) + \
                move.product_uom._compute_quantity(
                    move.quantity_done, move.sale_line_id.product_uom)
        others = order.picking_ids.filtered(
            lambda p: p != self and p.state != "cancel"
            and p._mall_channel_store())
        whole = not others and all(
            float_compare(done.get(line, 0.0), line.product_uom_qty,
                          precision_rounding=line.product_uom.rounding) >= 0
            for line in lines if line.product_id.type != "service")
        if whole:
            return None
        shipped = {}
        for line in lines.filtered(lambda rec: rec.product_id.type != "service"):
            per_unit = line.product_uom_qty / (line.mall_channel_line_qty or 1)
            units = math.floor(done.get(line, 0.0) / per_unit + 1e-9) \
                if per_unit else 0
            key = line.mall_channel_line_id
            shipped[key] = min(shipped.get(key, units), units)
        return sorted((key, int(units)) for key, units in shipped.items()
                      if units > 0)

    @api.multi
    def action_mall_channel_waybill(self):
        """Get an electronic waybill (电子面单) through the platform: the
        platform prints the decrypted receiver, Odoo keeps the waybill
        number as the tracking number and the print data as an attachment
        for the platform's print component."""
        for picking in self:
            store = picking._mall_channel_store()
            if not store or not store.channel_masks_buyer_data:
                raise UserError(_(
                    "%s is not a delivery of a marketplace that prints its "
                    "own waybills.") % picking.name)
            if not picking.carrier_id:
                raise UserError(_("Choose the carrier of %s first.")
                                % picking.name)
            channel_order = picking.sale_id.mall_channel_order_id
            adapter = store._mall_get_adapter()
            try:
                waybill = adapter.get_waybill(
                    json.loads(channel_order.payload),
                    picking.carrier_id._mall_channel_code(
                        store.channel_adapter))
            except ChannelError as error:
                raise UserError(_("The platform refused the waybill: %s")
                                % error)
            picking.carrier_tracking_ref = waybill["waybill_code"]
            self.env["ir.attachment"].create({
                "name": "waybill-%s.json" % waybill["waybill_code"],
                "datas_fname": "waybill-%s.json" % waybill["waybill_code"],
                "datas": base64.b64encode(json.dumps(
                    waybill, ensure_ascii=False).encode("utf-8")),
                "res_model": "stock.picking",
                "res_id": picking.id,
            })
        return True

    @api.multi
    def _mall_writeback_failed(self, message):
        self.write({"mall_channel_writeback": "failed",
                    "mall_channel_writeback_message": message})
        return message
