# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal pages of the member programme: *My Points and Level* (balances,
release calendar, points expiring this year, the ledger with filters, my
level, the growth to the next one and the benefits, the daily sign-in)
and paying an order with points from the order page."""
import datetime

from werkzeug.urls import url_encode

from odoo import _, fields, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.mall_order.controllers.portal import MallOrderPortal

#: Ledger filters of the portal: name → (label, kinds).
LEDGER_FILTERS = {
    "earned": ("Earned", ("earn", "review", "sign_in")),
    "released": ("Released", ("release",)),
    "spent": ("Spent", ("spend", "return")),
    "refunds": ("Refunds", ("cancel", "take_back", "debt", "debt_offset")),
    "expired": ("Expired", ("expire",)),
}
#: Days of the release calendar shown.
CALENDAR_DAYS = 30


class MallMemberPortal(MallOrderPortal):

    def _mall_member(self):
        # sudo: the member reads their own ledger and schedules (the
        # record rules would also allow it; sudo keeps it one query).
        return request.env.user.partner_id.commercial_partner_id.sudo()

    def _mall_calendar(self, member, today):
        """[(date, points)] released over the next CALENDAR_DAYS days."""
        days = {}
        until = today + datetime.timedelta(days=CALENDAR_DAYS)
        for grant in request.env["mall.points.grant"].sudo().search([
                ("partner_id", "=", member.id), ("state", "=", "open")]):
            for day, points in grant._mall_schedule():
                if day <= until:
                    days[day] = days.get(day, 0) + points
        return sorted(days.items())

    @http.route(["/my/points"], type="http", auth="user", website=True)
    def portal_my_points(self, kind=None, **kw):
        member = self._mall_member()
        values = self._prepare_portal_layout_values()
        if not member.mall_is_member:
            values.update({"page_name": "points", "member": member,
                           "enrolled": False})
            return request.render("mall_member.portal_my_points", values)
        today = fields.Date.from_string(
            fields.Date.context_today(request.env.user))
        domain = [("partner_id", "=", member.id)]
        if kind in LEDGER_FILTERS:
            domain.append(("kind", "in", LEDGER_FILTERS[kind][1]))
        pending, available, spent, expired, debt = \
            member._mall_points_balances().get(member.id, (0, 0, 0, 0, 0))
        next_level, missing = member._mall_level_progress()
        company = member.company_id or request.env.user.company_id
        mode = company.mall_level_review_mode
        keep_missing = 0.0
        if mode == "keep":
            spent_year = request.env["mall.member.job"].sudo()\
                ._mall_spending_since(
                    member, today - datetime.timedelta(days=365))
            keep_missing = max(0.0, member.mall_level_id.keep_amount
                               - spent_year.get(member.id, 0.0))
        values.update({
            "page_name": "points",
            "enrolled": True,
            "member": member,
            "pending": pending, "available": available, "spent": spent,
            "expired": expired, "debt": debt,
            "point_value": company.mall_point_value,
            "expiring": member._mall_points_expiring().get(member.id, 0),
            "expiry_date": datetime.date(today.year, 12, 31),
            "calendar": self._mall_calendar(member, today),
            "lines": request.env["mall.points.move"].sudo().search(
                domain, limit=100),
            "kind": kind,
            "filters": [(key, _(label)) for key, (label, _kinds) in sorted(
                LEDGER_FILTERS.items())],
            "next_level": next_level, "missing": missing,
            "review_mode": mode, "keep_missing": keep_missing,
            "levels": request.env["mall.member.level"].sudo().search([]),
            "sign_in": company.mall_points_sign_in,
            "mall_error": kw.get("mall_error"),
            "mall_success": kw.get("mall_success"),
        })
        return request.render("mall_member.portal_my_points", values)

    @http.route(["/my/points/enrol"], type="http", auth="user",
                methods=["POST"], website=True)
    def portal_points_enrol(self, **kw):
        self._mall_member().action_mall_enrol()
        return request.redirect("/my/points?%s" % url_encode(
            {"mall_success": _("Welcome: you are a member now.")}))

    @http.route(["/my/points/sign_in"], type="http", auth="user",
                methods=["POST"], website=True)
    def portal_points_sign_in(self, **kw):
        points = self._mall_member()._mall_sign_in()
        message = {"mall_success": _("Signed in: +%d points.") % points} \
            if points else {"mall_error": _(
                "You have signed in today already.")}
        return request.redirect("/my/points?%s" % url_encode(message))

    def _order_get_page_view_values(self, order, access_token, **kwargs):
        values = super(MallMemberPortal, self)._order_get_page_view_values(
            order, access_token, **kwargs)
        member = order.sudo()._mall_member()
        values["mall_points_payable"] = order.sudo()._mall_points_payable() \
            if member else 0
        values["mall_points_available"] = member.mall_points_available \
            if member else 0
        return values

    @http.route(["/my/orders/<int:order_id>/mall_points"], type="http",
                auth="user", methods=["POST"], website=True)
    def portal_order_pay_points(self, order_id, points=None, **kw):
        try:
            order = self._mall_get_order(order_id)
        except AccessError:
            return request.redirect("/my")
        try:
            value = int(points or 0)
        except ValueError:
            value = 0
        try:
            order.sudo().mall_pay_with_points(value)
        except UserError as error:
            return self._mall_order_redirect(order, mall_error=error.name)
        return self._mall_order_redirect(order, mall_success=_(
            "%d points paid.") % value)
