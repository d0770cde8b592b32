# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Mall Routing",
    "summary": "Mall Suite: warehouse routing (分仓/调度): which warehouse "
    "ships each line, splits, drop-ship, pre-dispatch, carrier choice",
    "version": "11.0.1.0.0",
    "category": "Warehouse",
    "website": "https://example.com/mall-suite",
    "author": "Mall Suite contributors",
    "license": "LGPL-3",
    "installable": True,
    "depends": [
        "mall_order",
        "delivery",
        "stock_dropshipping",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/mall_routing_security.xml",
        "data/mall_routing_data.xml",
        "views/sale_order_views.xml",
        "views/stock_warehouse_views.xml",
        "views/mall_routing_rule_views.xml",
        "views/delivery_carrier_views.xml",
        "views/stock_picking_views.xml",
        "views/mall_store_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/mall_routing_simulator_views.xml",
        "wizards/mall_routing_dry_run_views.xml",
        "views/mall_routing_menus.xml",
        "views/mall_routing_portal_templates.xml",
    ],
    "demo": [
        "demo/mall_routing_demo.xml",
    ],
}
