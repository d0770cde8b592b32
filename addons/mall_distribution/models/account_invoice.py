# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    @api.multi
    def action_invoice_paid(self):
        """A paid payout bill pays its withdrawal, and the member's settled
        commissions it covers (oldest first) become paid."""
        result = super(AccountInvoice, self).action_invoice_paid()
        withdrawals = self.env["mall.commission.withdrawal"].sudo().search(
            [("invoice_id", "in", self.ids), ("state", "=", "approved")])
        withdrawals._mall_mark_paid()
        return result
