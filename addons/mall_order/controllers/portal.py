# Copyright 2026 Mall Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Portal pages of the order lifecycle: the order page shows the mall
status, lets the customer change an unpaid order, confirm receipt and file
an after-sales request; *My After-Sales* lists the requests."""
import base64

from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.sale.controllers.portal import CustomerPortal

#: Limits of the files a customer attaches to a request.
MAX_FILES = 9
MAX_FILE_SIZE = 10 * 1024 * 1024
ALLOWED_MIMETYPES = ("image/jpeg", "image/png", "image/gif", "image/webp",
                     "application/pdf")


class MallOrderPortal(CustomerPortal):

    def _prepare_portal_layout_values(self):
        values = super(MallOrderPortal, self)._prepare_portal_layout_values()
        partner = request.env.user.partner_id.commercial_partner_id
        values["mall_aftersale_count"] = request.env[
            "mall.aftersale"].search_count(
                [("partner_id", "child_of", [partner.id])])
        return values

    def _order_get_page_view_values(self, order, access_token, **kwargs):
        values = super(MallOrderPortal, self)._order_get_page_view_values(
            order, access_token, **kwargs)
        values["mall_error"] = kwargs.get("mall_error")
        values["mall_success"] = kwargs.get("mall_success")
        values["mall_can_edit"] = order.mall_state in ("quotation", "to_pay") \
            and order.mall_edit_count < order.company_id.mall_edit_max_count
        return values

    def _mall_order_redirect(self, order, **params):
        return request.redirect("/my/orders/%d?%s" % (order.id, url_encode(params)))

    def _mall_get_order(self, order_id):
        """The order as superuser, once the customer's right to it is
        checked (Odoo's own portal check: record rules of the user)."""
        return self._order_check_access(order_id)

    @http.route(["/my/orders/<int:order_id>/mall_edit"], type="http",
                auth="user", methods=["POST"], website=True)
    def portal_mall_order_edit(self, order_id, **post):
        try:
            order = self._mall_get_order(order_id)
        except AccessError:
            return request.redirect("/my")
        quantities = {}
        for key, value in post.items():
            if key.startswith("qty_"):
                try:
                    quantities[int(key[4:])] = float(value or 0)
                except ValueError:
                    return self._mall_order_redirect(
                        order, mall_error=_("Please enter numbers."))
        values = {}
        if "note" in post and (post["note"] or "") != (order.note or ""):
            values["note"] = post["note"]
        try:
            order.mall_customer_edit(line_quantities=quantities, values=values)
        except UserError as error:
            return self._mall_order_redirect(order, mall_error=error.name)
        return self._mall_order_redirect(
            order, mall_success=_("Your order has been changed."))

    @http.route(["/my/orders/<int:order_id>/mall_receipt"], type="http",
                auth="user", methods=["POST"], website=True)
    def portal_mall_order_receipt(self, order_id, **post):
        try:
            order = self._mall_get_order(order_id)
        except AccessError:
            return request.redirect("/my")
        try:
            order.with_context(
                mall_event_uid=request.env.uid).action_mall_confirm_receipt()
        except UserError as error:
            return self._mall_order_redirect(order, mall_error=error.name)
        return self._mall_order_redirect(
            order, mall_success=_("Thank you: receipt confirmed."))

    @http.route(["/my/orders/<int:order_id>/aftersale"], type="http",
                auth="user", methods=["GET", "POST"], website=True)
    def portal_mall_aftersale_new(self, order_id, **post):
        try:
            order = self._mall_get_order(order_id)
        except AccessError:
            return request.redirect("/my")
        error = None
        if request.httprequest.method == "POST":
            try:
                aftersale = self._mall_create_aftersale(order, post)
            except UserError as exc:
                request.env.cr.rollback()
                error = exc.name
            else:
                return request.redirect("/my/aftersales/%d" % aftersale.id)
        values = self._prepare_portal_layout_values()
        values.update({
            "order": order,
            "page_name": "aftersale",
            "kinds": request.env["mall.aftersale"]._fields[
                "kind"]._description_selection(request.env),
            "reasons": request.env["mall.aftersale"]._fields[
                "reason"]._description_selection(request.env),
            "error": error,
            "post": post,
        })
        return request.render("mall_order.portal_aftersale_new", values)

    def _mall_create_aftersale(self, order, post):
        lines = []
        for line in order.order_line:
            try:
                qty = float(post.get("qty_%d" % line.id) or 0)
            except ValueError:
                raise UserError(_("Please enter numbers."))
            if qty > 0:
                lines.append((0, 0, {"sale_line_id": line.id, "quantity": qty}))
        if not lines:
            raise UserError(_("Choose at least one product and its quantity."))
        files = [f for f in request.httprequest.files.getlist("attachments")
                 if f.filename]
        if len(files) > MAX_FILES:
            raise UserError(_("At most %d files can be attached.") % MAX_FILES)
        kinds = dict(request.env["mall.aftersale"]._fields["kind"].selection)
        reasons = dict(request.env["mall.aftersale"]._fields["reason"].selection)
        if post.get("kind") not in kinds or post.get("reason") not in reasons:
            raise UserError(_("Choose the type and the reason of the request."))
        # sudo: customers cannot create requests themselves; the order was
        # checked above and the model checks the window and quantities.
        aftersale = request.env["mall.aftersale"].sudo().create({
            "order_id": order.id,
            "kind": post["kind"],
            "reason": post["reason"],
            "description": post.get("description"),
            "source": "portal",
            "line_ids": lines,
        })
        attachments = request.env["ir.attachment"]
        for upload in files:
            data = upload.read()
            if len(data) > MAX_FILE_SIZE:
                raise UserError(_("%s is larger than 10 MB.") % upload.filename)
            if upload.mimetype not in ALLOWED_MIMETYPES:
                raise UserError(_(
                    "%s: only photos (JPEG, PNG, GIF, WebP) and PDF files "
                    "can be attached.") % upload.filename)
            attachments |= request.env["ir.attachment"].sudo().create({
                "name": upload.filename,
                "datas_fname": upload.filename,
                "datas": base64.b64encode(data),
                "res_model": "mall.aftersale",
                "res_id": aftersale.id,
            })
        if attachments:
            aftersale.attachment_ids = [(6, 0, attachments.ids)]
        aftersale.message_subscribe(
            partner_ids=request.env.user.partner_id.ids)
        aftersale.message_post(
            body=_("Request filed by the customer from the portal."),
            author_id=request.env.user.partner_id.id)
        return aftersale

    def _mall_get_aftersale(self, aftersale_id):
        aftersale = request.env["mall.aftersale"].browse(aftersale_id)
        aftersale.check_access_rights("read")
        aftersale.check_access_rule("read")
        return aftersale.sudo()

    @http.route(["/my/aftersales", "/my/aftersales/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_aftersales(self, page=1, **kw):
        values = self._prepare_portal_layout_values()
        partner = request.env.user.partner_id.commercial_partner_id
        Aftersale = request.env["mall.aftersale"]
        domain = [("partner_id", "child_of", [partner.id])]
        count = Aftersale.search_count(domain)
        pager = portal_pager(url="/my/aftersales", total=count, page=page,
                             step=self._items_per_page)
        aftersales = Aftersale.search(
            domain, limit=self._items_per_page, offset=pager["offset"])
        values.update({
            "aftersales": aftersales,
            "page_name": "aftersale",
            "pager": pager,
            "default_url": "/my/aftersales",
        })
        return request.render("mall_order.portal_my_aftersales", values)

    @http.route(["/my/aftersales/<int:aftersale_id>"], type="http",
                auth="user", website=True)
    def portal_aftersale_page(self, aftersale_id, **kw):
        try:
            aftersale = self._mall_get_aftersale(aftersale_id)
        except AccessError:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"aftersale": aftersale, "page_name": "aftersale",
                       "error": kw.get("error")})
        return request.render("mall_order.portal_aftersale_page", values)

    @http.route(["/my/aftersales/<int:aftersale_id>/withdraw"], type="http",
                auth="user", methods=["POST"], website=True)
    def portal_aftersale_withdraw(self, aftersale_id, **kw):
        try:
            aftersale = self._mall_get_aftersale(aftersale_id)
        except AccessError:
            return request.redirect("/my")
        try:
            aftersale.action_withdraw()
        except UserError as error:
            return request.redirect("/my/aftersales/%d?%s" % (
                aftersale.id, url_encode({"error": error.name})))
        return request.redirect("/my/aftersales/%d" % aftersale.id)
