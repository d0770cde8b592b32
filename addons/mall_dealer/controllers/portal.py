# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dealer portal: a dashboard (deposit, credit, the open statement),
deposit movements, statements with their lines, confirm or dispute,
apply for the settlement of a posted statement, and the statement as PDF
or XLSX.  A dealer reaches only their own records: every
record is read as superuser after checking that it is theirs."""
from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class MallDealerPortal(CustomerPortal):

    def _mall_dealer(self):
        dealer = request.env.user.partner_id.commercial_partner_id.sudo()
        return dealer if dealer.mall_dealer_type else None

    def _mall_statement(self, statement_id):
        """The statement if it belongs to the signed-in dealer, else
        None (the page answers 404: not even its existence leaks)."""
        dealer = self._mall_dealer()
        statement = request.env["mall.dealer.statement"].sudo().browse(
            statement_id).exists()
        if not dealer or not statement or statement.partner_id != dealer:
            return None
        return statement

    @http.route(["/my/dealer"], type="http", auth="user", website=True)
    def portal_my_dealer(self, **kw):
        dealer = self._mall_dealer()
        if not dealer:
            return request.not_found()
        Statement = request.env["mall.dealer.statement"].sudo()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer", "dealer": dealer,
            "open_statement": Statement.search([
                ("partner_id", "=", dealer.id),
                ("state", "not in", ("posted", "paid"))], limit=1),
            "statements": Statement.search(
                [("partner_id", "=", dealer.id)], limit=24),
            "owed": sum(Statement.search([
                ("partner_id", "=", dealer.id), ("state", "=", "posted"),
                ("net", ">", 0)]).mapped("net")),
            "moves": request.env["mall.dealer.deposit.move"].sudo().search(
                [("partner_id", "=", dealer.id)], limit=50),
        })
        return request.render("mall_dealer.portal_my_dealer", values)

    @http.route(["/my/dealer/statements/<int:statement_id>"], type="http",
                auth="user", website=True)
    def portal_dealer_statement(self, statement_id, **kw):
        statement = self._mall_statement(statement_id)
        if not statement:
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "dealer", "statement": statement,
            "mall_error": kw.get("mall_error"),
            "mall_success": kw.get("mall_success"),
        })
        return request.render("mall_dealer.portal_dealer_statement", values)

    def _mall_back(self, statement, **params):
        return request.redirect("/my/dealer/statements/%d?%s" % (
            statement.id, url_encode(params)))

    def _mall_statement_step(self, statement_id, step, success):
        """Run ``step(statement)`` on the dealer's own statement and come
        back to its page with the outcome."""
        statement = self._mall_statement(statement_id)
        if not statement:
            return request.not_found()
        try:
            step(statement.with_context(mall_portal_uid=request.env.uid))
        except UserError as error:
            return self._mall_back(statement, mall_error=error.name)
        return self._mall_back(statement, mall_success=success)

    @http.route(["/my/dealer/statements/<int:statement_id>/confirm"],
                type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_statement_confirm(self, statement_id, **kw):
        return self._mall_statement_step(
            statement_id, lambda statement: statement.action_submit(),
            _("Statement confirmed: it goes to accounting."))

    @http.route(["/my/dealer/statements/<int:statement_id>/apply"],
                type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_statement_apply(self, statement_id, **kw):
        return self._mall_statement_step(
            statement_id, lambda statement: statement.action_apply_payout(),
            _("You applied for the settlement: finance will pay it."))

    @http.route(["/my/dealer/statements/<int:statement_id>/dispute"],
                type="http", auth="user", methods=["POST"], website=True)
    def portal_dealer_statement_dispute(self, statement_id, note=None,
                                        **kw):
        return self._mall_statement_step(
            statement_id, lambda statement: statement.action_dispute(note),
            _("Your comment was sent: we will correct the statement."))

    @http.route(["/my/dealer/statements/<int:statement_id>/pdf"],
                type="http", auth="user")
    def portal_dealer_statement_pdf(self, statement_id, **kw):
        statement = self._mall_statement(statement_id)
        if not statement:
            return request.not_found()
        pdf, _format = request.env.ref(
            "mall_dealer.action_report_statement").sudo().render_qweb_pdf(
                statement.ids)
        return request.make_response(pdf, headers=[
            ("Content-Type", "application/pdf"),
            ("Content-Disposition", "attachment; filename=statement-%s-%d"
             ".pdf" % (statement.period_id.name, statement.id))])

    @http.route(["/my/dealer/statements/<int:statement_id>/xlsx"],
                type="http", auth="user")
    def portal_dealer_statement_xlsx(self, statement_id, **kw):
        statement = self._mall_statement(statement_id)
        if not statement:
            return request.not_found()
        return self._mall_xlsx_response(statement)

    @http.route(["/mall_dealer/statements/<int:statement_id>/xlsx"],
                type="http", auth="user")
    def backend_dealer_statement_xlsx(self, statement_id, **kw):
        """The back office's download: the user's own access rights and
        record rules decide, no superuser."""
        statement = request.env["mall.dealer.statement"].browse(
            statement_id).exists()
        if not statement:
            return request.not_found()
        try:
            statement.check_access_rights("read")
            statement.check_access_rule("read")
        except AccessError:
            return request.not_found()  # as if it did not exist
        return self._mall_xlsx_response(statement)

    def _mall_xlsx_response(self, statement):
        data = statement._mall_xlsx()
        return request.make_response(data, headers=[
            ("Content-Type", "application/vnd.openxmlformats-officedocument"
             ".spreadsheetml.sheet"),
            ("Content-Disposition", "attachment; filename=statement-%s-%d"
             ".xlsx" % (statement.period_id.name, statement.id))])
