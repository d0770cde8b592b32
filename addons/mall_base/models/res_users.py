# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.http import request

_logger = logging.getLogger(__name__)


class ResUsers(models.Model):
    _inherit = "res.users"

    mall_region_ids = fields.Many2many(
        "mall.sales.region", "mall_sales_region_res_users_rel",
        "user_id", "region_id", string="Limited to Sales Regions",
        help="The user sees only the customers, orders, deliveries and "
        "invoices of these regions (and those without a region). Empty: "
        "all regions.")

    @api.model
    def create(self, vals):
        user = super(ResUsers, self).create(vals)
        if vals.get("mall_region_ids"):
            self.env["ir.rule"].clear_caches()
        return user

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        if "mall_region_ids" in vals:
            # The record rules' domains are cached per user.
            self.env["ir.rule"].clear_caches()
        return res

    @api.multi
    def _mall_is_customer_service_only(self):
        """Customer service (客服) without operations (运营) rights: may not
        publish or delist products.  Managers imply operations."""
        self.ensure_one()
        return self.has_group("mall_base.group_mall_customer_service") and \
            not self.has_group("mall_base.group_mall_operations")

    @classmethod
    def _login(cls, db, login, password):
        user_id = super(ResUsers, cls)._login(db, login, password)
        if password:
            cls._mall_log_login(login, user_id)
        return user_id

    @classmethod
    def _mall_log_login(cls, login, user_id):
        """Record the attempt in ``mall.login.log`` in a transaction of its
        own: a failed login raises no error but must stay recorded."""
        http = request.httprequest if request else None
        try:
            with cls.pool.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                # The code may be newer than the database (before -u).
                if not tools.table_exists(cr, "mall_login_log"):
                    return
                success = bool(user_id)
                if not user_id:
                    # A wrong password: link the attempt to the user.
                    user_id = env["res.users"].search(
                        [("login", "=", login)], limit=1).id
                env["mall.login.log"].create({
                    "date": fields.Datetime.now(),
                    "login": (login or "")[:256],
                    "user_id": user_id or False,
                    "result": "success" if success else "failure",
                    "ip": http.remote_addr if http else False,
                    "user_agent": (http.user_agent.string[:512]
                                   if http and http.user_agent else False),
                })
        except Exception:  # pylint: disable=broad-except
            # Logging must never prevent a login.
            _logger.exception("Could not record the login of %s", login)
