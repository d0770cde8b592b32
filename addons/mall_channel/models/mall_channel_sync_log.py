# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from ..adapters import ChannelError
from .channel_tools import retry_if_retryable


class MallChannelSyncLog(models.Model):
    """One synchronisation step of a store: when, what, how many, errors."""

    _name = "mall.channel.sync.log"
    _description = "Channel Sync Log"
    _order = "start_date desc, id desc"
    _rec_name = "kind"

    store_id = fields.Many2one(
        "mall.store", required=True, index=True, ondelete="cascade")
    kind = fields.Selection(
        [("orders", "Order import"), ("file", "File import"),
         ("retry", "Retry of failed orders")], required=True)
    start_date = fields.Datetime(
        string="Started", required=True, default=fields.Datetime.now)
    end_date = fields.Datetime(string="Finished")
    state = fields.Selection(
        [("running", "Running"), ("done", "Done"), ("failed", "Failed")],
        default="running", required=True)
    fetched = fields.Integer()
    created = fields.Integer()
    updated = fields.Integer()
    unchanged = fields.Integer()
    held = fields.Integer()
    errors = fields.Integer()
    message = fields.Text()
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.uid)

    @api.model
    def _mall_start(self, store, kind):
        # sudo: written by the job's user for every store.
        return self.sudo().create({"store_id": store.id, "kind": kind})

    @api.multi
    def _mall_call(self, function):
        """Call the platform: a retryable error makes the job retry later
        (queue_job keeps the attempts), a permanent one fails the step."""
        self.ensure_one()
        try:
            return function()
        except ChannelError as error:
            retry_if_retryable(error, self.store_id.name)
            raise

    @api.multi
    def _mall_done(self, fetched=0, **counts):
        self.write(dict(counts, fetched=fetched, state="done",
                        end_date=fields.Datetime.now()))
