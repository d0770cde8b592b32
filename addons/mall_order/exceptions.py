# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The errors a customer or a staff member can meet in the order
lifecycle.  Both are ``UserError``: the web client and the portal show
their message as is."""
from odoo.exceptions import UserError


class MallOrderEditError(UserError):
    """A customer's change to an order breaks the edit rules (window,
    number of edits, locked fields, order no longer awaiting payment)."""


class MallAfterSaleError(UserError):
    """An after-sales request breaks its rules (window, quantities, order
    state, state machine)."""
