# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEVELS = [("1", "Level 1 (preferred)"), ("2", "Level 2"), ("3", "Level 3")]


class MallRoutingArea(models.Model):
    """Where a warehouse delivers: a country, a province or a city, with
    the priority level of the warehouse for that area, the days to
    arrive and the estimated shipping cost of an order."""

    _name = "mall.routing.area"
    _description = "Warehouse Delivery Area"
    _order = "warehouse_id, level, country_id, state_id, city"

    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(
        related="warehouse_id.company_id", store=True, readonly=True)
    country_id = fields.Many2one(
        "res.country", required=True,
        default=lambda self: self.env.ref("base.cn", raise_if_not_found=False))
    state_id = fields.Many2one(
        "res.country.state", string="Province",
        domain="[('country_id', '=', country_id)]",
        help="Empty: the whole country.")
    city = fields.Char(help="Empty: the whole province.")
    level = fields.Selection(LEVELS, required=True, default="1")
    lead_days = fields.Integer(
        string="Days to Arrive", default=2,
        help="Days from shipping to arrival at an address of this area.")
    cost = fields.Float(
        string="Estimated Shipping Cost",
        help="Estimated shipping cost of one order to this area from this "
        "warehouse: the routing prefers the cheaper warehouse when level "
        "and priority are equal.")

    _sql_constraints = [
        ("lead_days_positive", "CHECK(lead_days >= 0)",
         "Days to arrive cannot be negative."),
        ("cost_positive", "CHECK(cost >= 0)",
         "The estimated shipping cost cannot be negative."),
    ]

    @api.constrains("country_id", "state_id", "city")
    def _check_area(self):
        for area in self:
            if area.state_id and area.state_id.country_id != area.country_id:
                raise ValidationError(_(
                    "Province %(state)s is not in %(country)s.") % {
                        "state": area.state_id.name,
                        "country": area.country_id.name})
            if area.city and not area.state_id:
                raise ValidationError(_(
                    "An area with a city needs its province."))

    @api.multi
    def name_get(self):
        return [(area.id, " / ".join(
            part for part in (area.country_id.name, area.state_id.name,
                              area.city) if part)) for area in self]
