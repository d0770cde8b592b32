# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

#: Days a login record is kept (the purge job deletes older ones).
RETENTION_DAYS = 365


class MallLoginLog(models.Model):
    """One attempt to log in (S1: login log with IP, time and status).
    Written by ``res.users._login`` in its own transaction, so failed
    attempts are kept; never changed afterwards."""

    _name = "mall.login.log"
    _description = "Login Log"
    _order = "date desc, id desc"
    _rec_name = "login"

    date = fields.Datetime(required=True, readonly=True, index=True)
    login = fields.Char(required=True, readonly=True, index=True)
    user_id = fields.Many2one(
        "res.users", readonly=True, index=True, ondelete="set null",
        help="The user of that login, if there is one.")
    result = fields.Selection(
        [("success", "Success"), ("failure", "Failure")], required=True,
        readonly=True, index=True)
    ip = fields.Char(string="IP Address", readonly=True)
    user_agent = fields.Char(readonly=True)

    @api.multi
    def write(self, vals):
        if vals:
            raise UserError(_("The login log cannot be changed."))
        return super(MallLoginLog, self).write(vals)

    @api.model
    def _run_purge(self, days=RETENTION_DAYS):
        """Scheduled: delete the records older than ``days``."""
        limit = fields.Datetime.to_string(datetime.now() - timedelta(days=days))
        old = self.search([("date", "<", limit)])
        old.unlink()
        return len(old)
