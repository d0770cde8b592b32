# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The mall status and payment status of an order, as pure functions of
the facts Odoo keeps (order state, amounts paid and refunded, deliveries,
receipt, completion, open after-sales requests)."""
from odoo.tools.float_utils import float_compare

MALL_STATES = [
    ("quotation", "Quotation"),
    ("to_pay", "Awaiting payment"),
    ("paid", "Paid"),
    ("shipping", "In delivery"),
    ("delivered", "Delivered"),
    ("done", "Completed"),
    ("cancel", "Cancelled"),
    ("after_sales", "After-sales"),
]

PAYMENT_STATES = [
    ("unpaid", "Unpaid"),
    ("paid", "Paid"),
    ("partial_refund", "Partially refunded"),
    ("refunded", "Refunded"),
    ("cancel", "Cancelled"),
]


def compute_mall_state(order_state, paid, shipped, received, completed,
                       aftersale_open):
    """Status of an order for the people running the shop.

    ``order_state`` is ``sale.order.state``; ``paid``: the order is fully
    paid; ``shipped``: at least one delivery to the customer is done;
    ``received``: the customer confirmed receipt (or it was confirmed
    automatically); ``completed``: the after-sales window has closed;
    ``aftersale_open``: a return, exchange or refund request is open.
    """
    if order_state == "cancel":
        return "cancel"
    if order_state in ("draft", "sent"):
        return "quotation"
    if aftersale_open:
        return "after_sales"
    if completed:
        return "done"
    if received:
        return "delivered"
    if shipped:
        return "shipping"
    if paid:
        return "paid"
    return "to_pay"


def compute_payment_state(order_state, total, paid, refunded, rounding):
    """Payment status (S3): refunds first, then payment, then cancellation.

    An order whose total is zero counts as paid once confirmed.
    """
    def cmp(a, b):
        return float_compare(a, b, precision_rounding=rounding)

    if cmp(refunded, 0.0) > 0:
        return "refunded" if cmp(refunded, paid) >= 0 else "partial_refund"
    if order_state == "cancel":
        return "cancel"
    if order_state in ("sale", "done") and cmp(paid, total) >= 0 and (
            cmp(paid, 0.0) > 0 or cmp(total, 0.0) <= 0):
        return "paid"
    return "unpaid"
