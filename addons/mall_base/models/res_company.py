# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    mall_default_store_id = fields.Many2one(
        "mall.store", string="Default Store",
        domain="[('company_id', '=', id)]",
        help="Store of new sale orders of this company; when empty, its "
        "first own web shop.")

    @api.model
    def create(self, vals):
        company = super(ResCompany, self).create(vals)
        company._mall_ensure_own_shop()
        return company

    @api.multi
    def _mall_ensure_own_shop(self):
        """Create an own web shop for the companies that have none."""
        # sudo: stores are company master data, created whatever the rights
        # of the user who creates the company.
        stores = self.env["mall.store"].sudo().with_context(active_test=False)
        for company in self:
            if not stores.search_count([("company_id", "=", company.id),
                                        ("store_type", "=", "own_shop")]):
                store = stores.create({
                    "name": company.name,
                    "code": "OWN",
                    "store_type": "own_shop",
                    "company_id": company.id,
                })
                company._mall_register_own_shop(store)

    @api.multi
    def _mall_register_own_shop(self, store):
        """The main company's own shop is ``mall_base.mall_store_own_shop``
        (data/mall_store_data.xml).  When it is created by code first (at
        install, see ``sale.order._init_column``), give it that XML id so
        that the data file updates it instead of creating a second one."""
        self.ensure_one()
        if self != self.env.ref("base.main_company"):
            return
        data = self.env["ir.model.data"].sudo()
        if data.search_count([("module", "=", "mall_base"),
                              ("name", "=", "mall_store_own_shop")]):
            return
        data.create({
            "module": "mall_base",
            "name": "mall_store_own_shop",
            "model": "mall.store",
            "res_id": store.id,
            "noupdate": True,
        })

    @api.multi
    def _mall_get_default_store(self):
        self.ensure_one()
        if self.mall_default_store_id:
            return self.mall_default_store_id
        return self.env["mall.store"].search(
            [("company_id", "=", self.id), ("store_type", "=", "own_shop")],
            limit=1)

    @api.multi
    def _mall_account(self, field, code, name, type_xmlid, reconcile=False):
        """The account of the company's setting ``field``, else the one
        with ``code``, else a new one (stored in the setting): the
        accounts of the suite's postings are created on first use."""
        self.ensure_one()
        company = self.sudo()
        account = company[field]
        if not account:
            Account = self.env["account.account"].sudo()
            account = Account.search([("code", "=", code),
                                      ("company_id", "=", company.id)],
                                     limit=1)
            account = account or Account.create({
                "code": code, "name": name, "company_id": company.id,
                "reconcile": reconcile,
                "user_type_id": self.env.ref(type_xmlid).id})
            company[field] = account
        return account

    @api.multi
    def _mall_payment_journal(self, field, code, name, account):
        """The payment journal of the setting ``field``, else the one with
        ``code``, else a new cash journal whose account is ``account``."""
        self.ensure_one()
        company = self.sudo()
        journal = company[field]
        if not journal:
            Journal = self.env["account.journal"].sudo()
            journal = Journal.search([("code", "=", code),
                                      ("company_id", "=", company.id)],
                                     limit=1)
            journal = journal or Journal.create({
                "name": name, "code": code, "type": "cash",
                "company_id": company.id,
                "default_debit_account_id": account.id,
                "default_credit_account_id": account.id})
            company[field] = journal
        return journal
