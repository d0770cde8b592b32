# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models, tools


class MallReferralReport(models.Model):
    """One row per recruited member: who recruited them, when, what they
    spent and what their upline earned from them.  Grouped by upline it
    is the top recruiters report."""

    _name = "mall.referral.report"
    _description = "Recruitment Analysis"
    _auto = False
    _order = "bound_date desc"

    partner_id = fields.Many2one("res.partner", string="Member",
                                 readonly=True)
    upline_id = fields.Many2one("res.partner", string="Recruiter",
                                readonly=True)
    upline_is_store = fields.Boolean(string="Recruited by a Store",
                                     readonly=True)
    bound_date = fields.Datetime(string="Bound On", readonly=True)
    depth = fields.Integer(readonly=True, group_operator="max")
    nbr = fields.Integer(string="Recruits", readonly=True)
    can_recruit_count = fields.Integer(
        string="Recruits Who Recruit", readonly=True,
        help="Recruits who have recruited someone themselves.")
    spending = fields.Float(
        string="Completed Spending", readonly=True,
        help="The recruit's delivered or completed orders, less refunds.")
    commission = fields.Float(
        string="Recruiter's Commission", readonly=True,
        help="What the recruiter earned on the recruit's orders "
        "(commissions and rebates, not cancelled).")
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW mall_referral_report AS (
            SELECT p.id AS id, p.id AS partner_id,
                   p.mall_upline_id AS upline_id,
                   COALESCE(u.mall_is_store, FALSE) AS upline_is_store,
                   p.mall_bound_date AS bound_date,
                   p.mall_referral_depth AS depth, 1 AS nbr,
                   CASE WHEN EXISTS (
                        SELECT 1 FROM res_partner d
                         WHERE d.mall_upline_id = p.id)
                        THEN 1 ELSE 0 END AS can_recruit_count,
                   COALESCE(s.spending, 0) AS spending,
                   COALESCE(c.amount, 0) AS commission,
                   COALESCE(p.company_id, u.company_id) AS company_id
              FROM res_partner p
              JOIN res_partner u ON u.id = p.mall_upline_id
              LEFT JOIN (
                    SELECT b.commercial_partner_id AS partner_id,
                           SUM(o.amount_total - o.mall_refunded_amount)
                               AS spending
                      FROM sale_order o
                      JOIN res_partner b ON b.id = o.partner_id
                     WHERE o.mall_state IN ('delivered', 'completed')
                     GROUP BY b.commercial_partner_id) s
                     ON s.partner_id = p.id
              LEFT JOIN (
                    SELECT partner_id, buyer_id, SUM(amount) AS amount
                      FROM mall_commission
                     WHERE state != 'cancelled'
                     GROUP BY partner_id, buyer_id) c
                     ON c.partner_id = p.mall_upline_id
                    AND c.buyer_id = p.id
             WHERE p.active)""")
