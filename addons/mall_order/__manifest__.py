# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Order",
    "summary": "Mall Suite: order status, edit rules, automatic cancel and "
    "receipt, after-sales, lifecycle events",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "mall_base",
        "sale_stock",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/mall_order_security.xml",
        "data/mall_order_data.xml",
        "views/sale_order_views.xml",
        "views/mall_aftersale_views.xml",
        "views/res_config_settings_views.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/mall_order_demo.xml",
    ],
}
