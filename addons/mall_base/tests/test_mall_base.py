# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import common


@common.at_install(False)
@common.post_install(True)
class TestMallBase(common.SavepointCase):
    @classmethod
    def setUpClass(cls):
        super(TestMallBase, cls).setUpClass()
        users = cls.env["res.users"].with_context(no_reset_password=True)
        cls.employee = users.create({
            "name": "Mall Employee",
            "login": "mall_employee_test",
            "groups_id": [(6, 0, [cls.env.ref("base.group_user").id])],
        })
        cls.root = cls.env.ref("mall_base.mall_menu_root")
        cls.config = cls.env.ref("mall_base.mall_menu_config")

    def visible_menus(self, user):
        menus = self.env["ir.ui.menu"].sudo(user)
        return menus.search([("id", "child_of", self.root.id)])

    def test_employee_does_not_see_configuration(self):
        # Odoo hides a folder menu without a visible action below it: until
        # the suite's other modules add menus, employees see no Mall app.
        visible = self.visible_menus(self.employee)
        self.assertNotIn(self.config, visible)
        self.assertNotIn(self.env.ref("mall_base.res_config_settings_menu"), visible)

    def test_admin_sees_configuration_and_settings(self):
        visible = self.visible_menus(self.env.ref("base.user_root"))
        self.assertIn(self.root, visible)
        self.assertIn(self.config, visible)
        settings_menu = self.env.ref("mall_base.res_config_settings_menu")
        self.assertIn(settings_menu, visible)
        self.assertEqual(settings_menu.action.res_model, "res.config.settings")

    def test_settings_page_shows_platform(self):
        settings = self.env["res.config.settings"].create({})
        info = settings.mall_platform_info
        self.assertIn("Odoo 11.0", info)
        self.assertIn("Python ", info)
        self.assertIn("Compatibility layer:", info)

    def test_settings_view_has_mall_block(self):
        arch = self.env["res.config.settings"].fields_view_get(
            view_type="form")["arch"]
        self.assertIn('data-key="mall_base"', arch)
        self.assertIn('name="mall_platform_info"', arch)
