"""Complainant portal (BASE-03): follow, answer, rate and file complaints.

Security: every read goes through the record rules of the portal user
(``rule_complaint_portal``) or ``_document_check_access`` (which also accepts
the record's access token); the sudo record it returns is only used to render
the fields a complainant may see.  Posting a new complaint is limited in size
and rate.
"""

import logging
import os
from collections import OrderedDict
from datetime import timedelta

from odoo import _, fields, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq, plaintext2html

_logger = logging.getLogger(__name__)

#: new complaints a user may file per hour before the portal refuses more
MAX_NEW_PER_HOUR = 5
MAX_SUBJECT = 200
MAX_DESCRIPTION = 5000
MAX_DEMAND = 2000
MAX_PHONE = 32
MAX_COMMENT = 1000
MAX_FILES = 3
MAX_FILE_SIZE = 5 * 1024 * 1024
ALLOWED_EXTENSIONS = frozenset(
    {
        ".jpg",
        ".jpeg",
        ".png",
        ".gif",
        ".webp",
        ".heic",
        ".pdf",
        ".txt",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".mp3",
        ".m4a",
        ".wav",
    }
)
PORTAL_STATES = {
    "open": ("new", "accepted", "in_progress"),
    "answered": ("resolved", "review"),
    "closed": ("closed", "invalid"),
}
RATEABLE_STATES = ("resolved", "review")


class ComplaintPortal(CustomerPortal):
    # ================================================================ helpers
    def _complaint_domain(self):
        """The complaints filed by the logged-in person.  Colleagues of the
        same customer company do not see each other's complaints: a
        complaint holds personal information (BASE-55).  The record rule
        applies on top of it for portal users."""
        return [("partner_id", "=", request.env.user.partner_id.id)]

    def _complaint_model(self):
        return request.env["complaint.complaint"].with_context(active_test=False)

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = self._complaint_model()
            values["complaint_count"] = (
                Complaint.search_count(self._complaint_domain())
                if Complaint.has_access("read")
                else 0
            )
        return values

    def _complaint_searchbar_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "received_at desc, id desc"},
            "name": {"label": _("Number"), "order": "name desc"},
            "state": {"label": _("Status"), "order": "state, received_at desc"},
        }

    def _complaint_searchbar_filters(self):
        return OrderedDict(
            [
                ("all", {"label": _("All"), "domain": []}),
                (
                    "open",
                    {
                        "label": _("Being handled"),
                        "domain": [("state", "in", PORTAL_STATES["open"])],
                    },
                ),
                (
                    "answered",
                    {
                        "label": _("Answered"),
                        "domain": [("state", "in", PORTAL_STATES["answered"])],
                    },
                ),
                (
                    "closed",
                    {
                        "label": _("Closed"),
                        "domain": [("state", "in", PORTAL_STATES["closed"])],
                    },
                ),
            ]
        )

    def _complaint_get_page_view_values(self, complaint, access_token, **kwargs):
        values = {
            "page_name": "complaint",
            "complaint": complaint,
            "can_rate": complaint.state in RATEABLE_STATES
            and not complaint.followup_done_at
            and bool(self._complaint_rater(complaint, request.env.user, access_token)),
            "satisfaction_options": complaint._fields[
                "satisfaction"
            ]._description_selection(request.env),
            "rated": kwargs.get("rated"),
            "created": kwargs.get("created"),
            "error": kwargs.get("error"),
        }
        user = request.env.user
        if not user._is_public():
            # lets the portal chatter post as the logged-in complainant
            # (the portal user has no write access on the complaint); the
            # signature includes the complaint's own token
            complaint._portal_ensure_token()
            pid = user.partner_id.id
            values["pid"] = pid
            values["hash"] = complaint._sign_token(pid)
        return self._get_page_view_values(
            complaint, access_token, values, "my_complaints_history", False, **kwargs
        )

    def _check_complaint(self, complaint_id, access_token=None):
        return self._document_check_access(
            "complaint.complaint", complaint_id, access_token=access_token
        )

    # ================================================================== list
    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Complaint = self._complaint_model()
        sortings = self._complaint_searchbar_sortings()
        filters = self._complaint_searchbar_filters()
        sortby = sortby if sortby in sortings else "date"
        filterby = filterby if filterby in filters else "all"
        domain = self._complaint_domain() + filters[filterby]["domain"]
        count = Complaint.search_count(domain) if Complaint.has_access("read") else 0
        pager = portal_pager(
            url="/my/complaints",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count,
            page=page,
            step=self._items_per_page,
        )
        complaints = (
            Complaint.search(
                domain,
                order=sortings[sortby]["order"],
                limit=self._items_per_page,
                offset=pager["offset"],
            )
            if count
            else Complaint
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values.update(
            {
                "complaints": complaints,
                "page_name": "complaint",
                "pager": pager,
                "default_url": "/my/complaints",
                "searchbar_sortings": sortings,
                "sortby": sortby,
                "searchbar_filters": filters,
                "filterby": filterby,
            }
        )
        return request.render("complaint_base.portal_my_complaints", values)

    # ================================================================ detail
    @http.route(
        ["/my/complaints/<int:complaint_id>"], type="http", auth="public", website=True
    )
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._check_complaint(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._complaint_get_page_view_values(
            complaint_sudo, access_token, **kw
        )
        return request.render("complaint_base.portal_my_complaint", values)

    # ================================================================ rating
    def _complaint_rater(self, complaint_sudo, user, access_token=None):
        """The complainant rating ``complaint_sudo`` as ``user``, or ``None``
        (BASE-41).

        Only the complainant rates: their own portal user, or whoever holds
        the access token they received.  Never an internal user, who could
        otherwise rate a case they handle and satisfy the follow-up gate."""
        if user._is_internal() or not complaint_sudo.partner_id:
            return None
        if not user._is_public() and user.partner_id == complaint_sudo.partner_id:
            return user.partner_id
        if (
            access_token
            and complaint_sudo.access_token
            and consteq(complaint_sudo.access_token, access_token)
        ):
            return complaint_sudo.partner_id
        return None

    @http.route(
        ["/my/complaints/<int:complaint_id>/rate"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_complaint_rate(
        self,
        complaint_id,
        satisfaction=None,
        comment=None,
        accept=None,
        access_token=None,
        **kw,
    ):
        """BASE-41 online: the complainant rates the outcome; 1-2 reopens."""
        try:
            complaint_sudo = self._check_complaint(complaint_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        url = f"/my/complaints/{complaint_sudo.id}"
        if access_token:
            url += f"?access_token={access_token}&"
        else:
            url += "?"
        rater = self._complaint_rater(complaint_sudo, request.env.user, access_token)
        if not rater:
            return request.redirect(url + "error=not_complainant")
        error = self._complaint_rate(
            complaint_sudo, rater, satisfaction, comment, accept
        )
        if error:
            return request.redirect(url + f"error={error}")
        return request.redirect(url + "rated=1")

    def _complaint_rate(self, complaint_sudo, partner, satisfaction, comment, accept):
        """Record the complainant's rating; returns an error code or None.

        A rating of 1 or 2 reopens the complaint (``action_record_followup``).
        ``partner`` must be the complainant (see ``_complaint_rater``).
        """
        if not partner or partner != complaint_sudo.partner_id:
            return "not_complainant"
        if (
            complaint_sudo.state not in RATEABLE_STATES
            or complaint_sudo.followup_done_at
        ):
            return "not_rateable"
        if satisfaction not in {"1", "2", "3", "4", "5"}:
            return "satisfaction"
        comment = (comment or "").strip()[:MAX_COMMENT] or False
        labels = dict(
            complaint_sudo._fields["satisfaction"]._description_selection(
                complaint_sudo.env
            )
        )
        complaint_sudo.message_post(
            body=plaintext2html(
                complaint_sudo.env._(
                    "Rating of the outcome: %(score)s/5 (%(label)s). %(comment)s",
                    score=satisfaction,
                    label=labels[satisfaction],
                    comment=comment or "",
                )
            ),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        complaint_sudo.action_record_followup(
            satisfaction,
            method="survey",
            comment=comment,
            acceptance="accepted" if accept == "yes" else "rejected",
        )
        return None

    # ================================================================== new
    def _complaint_form_values(self, post=None, errors=None):
        partner = request.env.user.partner_id
        categories = (
            request.env["complaint.category"]
            .sudo()
            .search(
                [
                    ("level", "<=", 2),
                    ("company_id", "in", [False, request.env.user.company_id.id]),
                ]
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "complaint_new",
                "categories": categories,
                "post": post or {"phone": partner.phone or partner.mobile or ""},
                "errors": errors or {},
                "max_files": MAX_FILES,
                "max_file_mb": MAX_FILE_SIZE // (1024 * 1024),
                "max_description": MAX_DESCRIPTION,
                "max_subject": MAX_SUBJECT,
                "max_demand": MAX_DEMAND,
            }
        )
        return values

    def _complaint_rate_limited(self, env):
        """True when the user already filed MAX_NEW_PER_HOUR complaints in the
        last hour (whatever their channel)."""
        since = fields.Datetime.now() - timedelta(hours=1)
        recent = (
            env["complaint.complaint"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("create_uid", "=", env.uid), ("create_date", ">=", since)])
        )
        return recent >= MAX_NEW_PER_HOUR

    def _complaint_validate(self, env, post, files):
        """Check the form: ``(clean values, [(name, data, mimetype)], errors)``."""
        errors = {}
        subject = (post.get("subject") or "").strip()
        description = (post.get("description") or "").strip()
        demand = (post.get("demand") or "").strip()
        phone = (post.get("phone") or "").strip()
        if not subject:
            errors["subject"] = env._("Give your complaint a short title.")
        elif len(subject) > MAX_SUBJECT:
            errors["subject"] = env._(
                "The title is too long (%s characters at most).", MAX_SUBJECT
            )
        if not description:
            errors["description"] = env._("Describe what happened.")
        elif len(description) > MAX_DESCRIPTION:
            errors["description"] = env._(
                "The description is too long (%s characters at most): attach a "
                "document for longer texts.",
                MAX_DESCRIPTION,
            )
        if len(demand) > MAX_DEMAND:
            errors["demand"] = env._(
                "Your demand is too long (%s characters at most).", MAX_DEMAND
            )
        if len(phone) > MAX_PHONE:
            errors["phone"] = env._("This phone number is not valid.")
        category_id = post.get("category_id")
        if category_id:
            if not category_id.isdigit() or not env[
                "complaint.category"
            ].sudo().search_count([("id", "=", int(category_id))]):
                errors["category_id"] = env._("Choose a subject from the list.")
        files = [f for f in files if f and f.filename]
        if len(files) > MAX_FILES:
            errors["attachments"] = env._("Attach at most %s files.", MAX_FILES)
        contents = []
        for upload in files[:MAX_FILES]:
            ext = os.path.splitext(upload.filename)[1].lower()
            if ext not in ALLOWED_EXTENSIONS:
                errors["attachments"] = env._(
                    "File %s: this type of file is not accepted (photos, PDF, "
                    "Office documents, text and audio are).",
                    upload.filename,
                )
                break
            data = upload.read(MAX_FILE_SIZE + 1)
            if len(data) > MAX_FILE_SIZE:
                errors["attachments"] = env._(
                    "File %(name)s is larger than %(size)s MB.",
                    name=upload.filename,
                    size=MAX_FILE_SIZE // (1024 * 1024),
                )
                break
            contents.append((upload.filename, data, upload.mimetype))
        clean = {
            "subject": subject,
            "description": description,
            "demand": demand,
            "phone": phone,
            "category_id": int(category_id)
            if category_id and not errors.get("category_id")
            else False,
        }
        return clean, contents, errors

    def _complaint_create(self, env, clean, contents):
        """Create the complaint of the logged-in complainant (sudo)."""
        user = env.user
        partner = user.partner_id
        channel = env.ref(
            "complaint_base.channel_portal", raise_if_not_found=False
        ) or env["complaint.channel"].sudo().search([("code", "=", "portal")], limit=1)
        vals = {
            "subject": clean["subject"],
            "description": plaintext2html(clean["description"]),
            "demand": clean["demand"] or False,
            "partner_id": partner.id,
            "phone": clean["phone"] or partner.phone or partner.mobile or False,
            "email": partner.email or False,
            "channel_id": channel.id,
            "category_id": clean["category_id"],
            "company_id": user.company_id.id,
            "registrant_id": False,
        }
        # sudo: portal users cannot create complaints themselves; the values
        # above are the only ones taken from the form
        complaint = env["complaint.complaint"].sudo().create(vals)
        if complaint.team_id.leader_id:
            complaint.registrant_id = complaint.team_id.leader_id
        complaint.message_subscribe(partner_ids=partner.ids)
        attachments = env["ir.attachment"].sudo()
        if contents:
            attachments = attachments.create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "mimetype": mimetype or False,
                        # pending attachments of the author: message_post
                        # links them to the complaint
                        "res_model": "mail.compose.message",
                        "res_id": 0,
                    }
                    for name, data, mimetype in contents
                ]
            )
        complaint.message_post(
            body=env._("Complaint filed online by the complainant."),
            author_id=partner.id,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachment_ids=attachments.ids,
        )
        return complaint

    @http.route(
        ["/my/complaints/new"],
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_complaint_new(self, **post):
        """File a new complaint (CSRF-protected POST, size and rate limits)."""
        if request.env.user._is_public():
            return request.redirect("/web/login?redirect=/my/complaints/new")
        if request.httprequest.method != "POST":
            return request.render(
                "complaint_base.portal_complaint_new", self._complaint_form_values()
            )
        files = request.httprequest.files.getlist("attachments")
        clean, contents, errors = self._complaint_validate(request.env, post, files)
        if not errors and self._complaint_rate_limited(request.env):
            errors["global"] = _(
                "You have already filed %s complaints in the last hour. Please "
                "wait a little before filing another one, or add details to an "
                "existing complaint.",
                MAX_NEW_PER_HOUR,
            )
        if errors:
            return request.render(
                "complaint_base.portal_complaint_new",
                self._complaint_form_values(post=post, errors=errors),
            )
        try:
            complaint = self._complaint_create(request.env, clean, contents)
        except UserError as error:
            _logger.info("Portal complaint refused: %s", error)
            errors["global"] = str(error)
            return request.render(
                "complaint_base.portal_complaint_new",
                self._complaint_form_values(post=post, errors=errors),
            )
        return request.redirect(f"/my/complaints/{complaint.id}?created=1")
