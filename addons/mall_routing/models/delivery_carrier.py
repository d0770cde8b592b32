# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class DeliveryCarrier(models.Model):
    _inherit = "delivery.carrier"

    mall_contract_ref = fields.Char(string="Contract")
    mall_contract_end = fields.Date(string="Contract Ends")
    mall_commission_rate = fields.Float(
        string="COD Commission (%)",
        help="The carrier's commission on cash collected on delivery.")
    mall_min_cod_amount = fields.Float(
        string="Minimum COD Amount",
        help="The smallest cash-on-delivery amount the carrier accepts.")

    _sql_constraints = [
        ("mall_contract_positive",
         "CHECK(mall_commission_rate >= 0 AND mall_commission_rate <= 100 "
         "AND mall_min_cod_amount >= 0)",
         "The commission is a percentage and the minimum COD amount cannot "
         "be negative."),
    ]
