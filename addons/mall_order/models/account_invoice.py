# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    mall_aftersale_id = fields.Many2one(
        "mall.aftersale", string="After-Sales Request", index=True,
        readonly=True, copy=False, ondelete="set null")

    @api.multi
    def _mall_get_sale_orders(self):
        return self.mapped("invoice_line_ids.sale_line_ids.order_id") | (
            self.mapped("mall_aftersale_id.order_id"))

    @api.multi
    def invoice_validate(self):
        result = super(AccountInvoice, self).invoice_validate()
        self.filtered(lambda inv: inv.type == "out_refund").mapped(
            "mall_aftersale_id")._mall_on_credit_note_validated()
        self._mall_get_sale_orders()._mall_sync_events()
        return result

    @api.multi
    def action_invoice_paid(self):
        result = super(AccountInvoice, self).action_invoice_paid()
        self.filtered(lambda inv: inv.type == "out_refund").mapped(
            "mall_aftersale_id")._mall_on_credit_note_paid()
        self._mall_get_sale_orders()._mall_sync_events()
        return result
