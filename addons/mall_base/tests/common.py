# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import common


class MallBaseCase(common.SavepointCase):
    """Fixtures without demo data: one user per role, customers in East and
    North China, a product."""

    @classmethod
    def setUpClass(cls):
        super(MallBaseCase, cls).setUpClass()
        cls.env = cls.env(context=dict(
            cls.env.context, tracking_disable=True, no_reset_password=True))
        cls.east = cls.env.ref("mall_base.region_east")
        cls.north = cls.env.ref("mall_base.region_north")
        cls.own_shop = cls.env.ref("mall_base.mall_store_own_shop")
        cls.ops = cls.make_user("ops", "mall_base.group_mall_operations")
        cls.cs = cls.make_user("cs", "mall_base.group_mall_customer_service")
        cls.wh = cls.make_user("wh", "mall_base.group_mall_warehouse")
        cls.fin = cls.make_user("fin", "mall_base.group_mall_finance")
        cls.manager = cls.make_user("manager", "mall_base.group_mall_manager")
        cls.customer_sh = cls.make_customer("上海客户", "l10n_cn.state_SH")
        cls.customer_bj = cls.make_customer("北京客户", "l10n_cn.state_BJ")
        cls.product = cls.env["product.product"].create({
            "name": "Mall Test Tea", "type": "consu", "list_price": 100.0,
            "sale_ok": True})

    @classmethod
    def make_user(cls, name, *groups, **vals):
        values = {
            "name": "Mall %s" % name,
            "login": "mall_%s_test" % name,
            "email": "mall_%s_test@example.com" % name,
            "groups_id": [(6, 0, [cls.env.ref(g).id for g in groups])],
        }
        values.update(vals)
        return cls.env["res.users"].create(values)

    @classmethod
    def make_customer(cls, name, state_xmlid):
        return cls.env["res.partner"].create({
            "name": name, "customer": True,
            "country_id": cls.env.ref("base.cn").id,
            "state_id": cls.env.ref(state_xmlid).id,
        })

    @classmethod
    def make_order(cls, partner, **vals):
        values = {
            "partner_id": partner.id,
            "order_line": [(0, 0, {
                "product_id": cls.product.id, "product_uom_qty": 1.0,
                "price_unit": 100.0})],
        }
        values.update(vals)
        return cls.env["sale.order"].create(values)
