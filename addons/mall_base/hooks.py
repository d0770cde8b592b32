# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import SUPERUSER_ID, api
from odoo.tools import sql


def post_init_hook(cr, registry):
    """Give every company its own web shop (the main company's comes from
    data/mall_store_data.xml; companies created later get theirs from
    ``res.company.create``)."""
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._mall_ensure_own_shop()


def uninstall_hook(cr, registry):
    """Release the orders' stores before Odoo deletes the stores.

    ``sale.order.store_id`` is required and restricts the deletion of a
    store; the column itself is dropped by the uninstallation right after
    the module's records, so it is emptied first.
    """
    sql.drop_not_null(cr, "sale_order", "store_id")
    cr.execute("UPDATE sale_order SET store_id = NULL")
