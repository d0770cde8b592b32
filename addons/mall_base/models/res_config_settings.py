# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import platform

from odoo import api, fields, models, release


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    mall_platform_info = fields.Text(
        string="Platform",
        compute="_compute_mall_platform_info",
        help="Odoo and Python versions this server runs, and the "
        "compatibility patches applied to run Odoo 11 on this Python.",
    )

    mall_default_store_id = fields.Many2one(
        related="company_id.mall_default_store_id",
        string="Default Store",
        help="Store of new sale orders of this company; when empty, its "
        "first own web shop.")

    @api.depends("company_id")
    def _compute_mall_platform_info(self):
        for settings in self:
            settings.mall_platform_info = self._get_mall_platform_info()

    @api.model
    def _get_mall_platform_info(self):
        lines = [
            "Odoo %s" % release.version,
            "Python %s" % platform.python_version(),
        ]
        try:
            import odoo11compat
        except ImportError:
            lines.append("Compatibility layer: not loaded")
        else:
            patches = odoo11compat.APPLIED
            lines.append(
                "Compatibility layer: %s"
                % (", ".join(patches) if patches else "not needed on this Python")
            )
        return "\n".join(lines)
