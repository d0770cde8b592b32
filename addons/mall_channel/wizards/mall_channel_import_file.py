# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..adapters import ChannelError
from ..adapters.orderfile import parse_file


class MallChannelImportFile(models.TransientModel):
    """Upload a marketplace order export (CSV or XLSX) of a store without
    an API; every order of the file goes through the same two layers as an
    API import (channel order, then sale order)."""

    _name = "mall.channel.import.file"
    _description = "Import a Marketplace Order File"

    store_id = fields.Many2one(
        "mall.store", required=True,
        domain=[("channel_adapter", "=", "file")],
        default=lambda self: self.env.context.get("active_model") == "mall.store"
        and self.env.context.get("active_id"))
    data = fields.Binary(string="File", required=True)
    filename = fields.Char()

    @api.multi
    def action_import(self):
        self.ensure_one()
        if self.store_id.channel_adapter != "file":
            raise UserError(_("Store %s does not import order files: set its "
                              "channel adapter to the export file.")
                            % self.store_id.name)
        try:
            payloads = parse_file(
                base64.b64decode(self.data), self.filename or "orders.csv",
                self.store_id._mall_channel_config().get("column_mapping"))
        except ChannelError as error:
            raise UserError(_("The file cannot be read: %s") % error)
        log = self.env["mall.channel.sync.log"]._mall_start(
            self.store_id, "file")
        records = self.env["mall.channel.order"]._mall_receive(
            self.store_id, payloads)
        counts = records._mall_process()
        log._mall_done(fetched=len(payloads), message=self.filename, **counts)
        return {
            "type": "ir.actions.act_window",
            "name": _("Imported orders"),
            "res_model": "mall.channel.order",
            "view_mode": "tree,form",
            "domain": [("id", "in", records.ids)],
        }
