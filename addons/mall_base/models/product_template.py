# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

# Fields that publish or delist a product (S3: customer service may not).
PUBLISH_FIELDS = ("sale_ok", "active")


def check_mall_publish_rights(records, vals):
    """Refuse publishing/delisting ``records`` (templates or variants) by
    customer service (客服) users who are not also operations (运营) or
    managers, when ``vals`` changes one of their own publish fields."""
    changed = [
        name for name in PUBLISH_FIELDS
        if name in vals and name in records._fields
        and not records._fields[name].inherited
        and any(bool(rec[name]) != bool(vals[name]) for rec in records)
    ]
    if changed and records.env.user._mall_is_customer_service_only():
        raise AccessError(_(
            "Customer service cannot publish or delist products "
            "(fields: %s).") % ", ".join(changed))


class ProductTemplate(models.Model):
    _inherit = "product.template"

    @api.multi
    def write(self, vals):
        check_mall_publish_rights(self, vals)
        return super(ProductTemplate, self).write(vals)
