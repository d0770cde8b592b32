# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal pages of distribution: my code, invite link and QR code (or
what is missing before I may recruit), my team over three generations
with their spending and my commission from each, my commissions, my
withdrawals and a withdrawal request; the invite link itself."""
import io

import qrcode
from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

#: Generations of the team shown in the portal.
GENERATIONS = 3


class MallDistributionPortal(CustomerPortal):

    def _mall_member(self):
        # sudo: the member reads their own tree and balance, which record
        # rules on partners would otherwise hide (uplines, downlines).
        return request.env.user.partner_id.commercial_partner_id.sudo()

    def _mall_invite_url(self, member):
        base = request.env["ir.config_parameter"].sudo().get_param(
            "web.base.url")
        return "%s/mall/invite/%s" % (base, member.mall_referral_code)

    def _mall_team(self, member):
        """[(generation, partner, completed spending, my commission from
        their orders)] over three generations, each generation read with
        one search."""
        rows = []
        level = member
        Commission = request.env["mall.commission"].sudo()
        for generation in range(1, GENERATIONS + 1):
            level = level.mapped("mall_downline_ids")
            if not level:
                break
            spending = level._mall_completed_spending()
            earned = {}
            for line in Commission.search([
                    ("partner_id", "=", member.id),
                    ("buyer_id", "in", level.ids),
                    ("state", "!=", "cancelled")]):
                earned[line.buyer_id.id] = earned.get(
                    line.buyer_id.id, 0.0) + line.amount
            for partner in level.sorted("name"):
                rows.append((generation, partner,
                             spending.get(partner.id, 0.0),
                             earned.get(partner.id, 0.0)))
        return rows

    @http.route(["/my/distribution"], type="http", auth="user",
                website=True)
    def portal_my_distribution(self, state=None, **kw):
        member = self._mall_member()
        if member.mall_can_recruit and not member.mall_referral_code:
            member._mall_ensure_referral_code()
        domain = [("partner_id", "=", member.id)]
        if state:
            domain.append(("state", "=", state))
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "distribution",
            "member": member,
            "invite_url": self._mall_invite_url(member)
            if member.mall_referral_code else False,
            "missing": member._mall_missing_spending(),
            "team": self._mall_team(member),
            "commissions": request.env["mall.commission"].sudo().search(
                domain, limit=200),
            "state": state,
            "states": request.env["mall.commission"]._fields[
                "state"].selection,
            "withdrawals": request.env[
                "mall.commission.withdrawal"].sudo().search(
                    [("partner_id", "=", member.id)]),
            "balance": member._mall_commission_balance(),
            # A credit on the customer account is what the wallet holds.
            "wallet": max(0.0, -member.credit),
            "minimum": request.env.user.company_id.mall_withdrawal_minimum,
            "mall_error": kw.get("mall_error"),
            "mall_success": kw.get("mall_success"),
        })
        return request.render("mall_distribution.portal_my_distribution",
                              values)

    @http.route(["/my/distribution/qr.png"], type="http", auth="user")
    def portal_distribution_qr(self, **kw):
        member = self._mall_member()
        if not member.mall_referral_code:
            return request.not_found()
        image = qrcode.make(self._mall_invite_url(member), box_size=6,
                            border=2)
        data = io.BytesIO()
        image.save(data, "PNG")
        return request.make_response(data.getvalue(), headers=[
            ("Content-Type", "image/png"),
            ("Cache-Control", "private, max-age=3600")])

    @http.route(["/my/distribution/withdraw"], type="http", auth="user",
                methods=["POST"], website=True)
    def portal_distribution_withdraw(self, amount=None, payout_method="bank",
                                     **kw):
        member = self._mall_member()
        try:
            value = float(amount or 0)
        except ValueError:
            value = 0.0
        try:
            withdrawal = request.env["mall.commission.withdrawal"]\
                ._mall_request(member, value, "wallet"
                               if payout_method == "wallet" else "bank")
        except UserError as error:
            return request.redirect("/my/distribution?%s" % url_encode(
                {"mall_error": error.name}))
        return request.redirect("/my/distribution?%s" % url_encode({
            "mall_success": _("Withdrawal %(name)s requested.") % {
                "name": withdrawal.name}}))

    @http.route(["/mall/invite/<string:code>"], type="http", auth="public",
                website=True)
    def mall_invite(self, code, **kw):
        """The invite link: a signed-in member is bound to the code's
        owner (see ``res.partner._mall_bind``); a visitor signs up or in
        first and comes back."""
        if request.env.user._is_public():
            # A visitor signs up (or, without open sign-up, signs in) and
            # comes back here bound.
            signup = request.env["ir.config_parameter"].sudo().get_param(
                "auth_signup.allow_uninvited", "False").lower() == "true"
            return request.redirect("/web/%s?%s" % (
                "signup" if signup else "login",
                url_encode({"redirect": "/mall/invite/%s" % code})))
        member = self._mall_member()
        try:
            upline = member._mall_bind(code)
        except (UserError, ValidationError) as error:
            return request.redirect("/my/distribution?%s" % url_encode(
                {"mall_error": error.name}))
        return request.redirect("/my/distribution?%s" % url_encode({
            "mall_success": _("You joined the team of %(upline)s.") % {
                "upline": upline.name}}))
