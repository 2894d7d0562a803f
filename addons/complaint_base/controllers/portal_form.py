"""Complainant portal, filing a new complaint (BASE-03).

Mixed into ``ComplaintPortal`` (controllers/portal.py).  The form is limited
in size, file types and rate; the complaint is created with sudo from the
checked values only.
"""

import logging
import os
from datetime import timedelta

from odoo import _, fields, http
from odoo.exceptions import UserError
from odoo.http import request
from odoo.tools import plaintext2html

_logger = logging.getLogger(__name__)

#: new complaints a user may file per hour before the portal refuses more
MAX_NEW_PER_HOUR = 5
MAX_SUBJECT = 200
MAX_DESCRIPTION = 5000
MAX_DEMAND = 2000
MAX_PHONE = 32
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


class ComplaintPortalForm:
    """The "file a complaint" form of the complainant portal."""

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
        clean, errors = self._complaint_validate_text(env, post)
        contents, file_error = self._complaint_validate_files(env, files)
        if file_error:
            errors["attachments"] = file_error
        return clean, contents, errors

    def _complaint_validate_text(self, env, post):
        """The form's text fields: ``(clean values, errors)``."""
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
        category_id = post.get("category_id") or ""
        if category_id and not (
            category_id.isdigit()
            and env["complaint.category"]
            .sudo()
            .search_count([("id", "=", int(category_id))])
        ):
            errors["category_id"] = env._("Choose a subject from the list.")
        clean = {
            "subject": subject,
            "description": description,
            "demand": demand,
            "phone": phone,
            "category_id": int(category_id)
            if category_id and not errors.get("category_id")
            else False,
        }
        return clean, errors

    def _complaint_validate_files(self, env, files):
        """The uploads: ``([(name, data, mimetype)], error or None)``."""
        files = [f for f in files if f and f.filename]
        error = None
        if len(files) > MAX_FILES:
            error = env._("Attach at most %s files.", MAX_FILES)
        contents = []
        for upload in files[:MAX_FILES]:
            ext = os.path.splitext(upload.filename)[1].lower()
            if ext not in ALLOWED_EXTENSIONS:
                return contents, env._(
                    "File %s: this type of file is not accepted (photos, PDF, "
                    "Office documents, text and audio are).",
                    upload.filename,
                )
            data = upload.read(MAX_FILE_SIZE + 1)
            if len(data) > MAX_FILE_SIZE:
                return contents, env._(
                    "File %(name)s is larger than %(size)s MB.",
                    name=upload.filename,
                    size=MAX_FILE_SIZE // (1024 * 1024),
                )
            contents.append((upload.filename, data, upload.mimetype))
        return contents, error

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
        }
        # sudo: portal users cannot create complaints themselves; the values
        # above are the only ones taken from the form.  The registrant is the
        # leader of the team the complaint is routed to, decided with the
        # routing (``_registrant_values``).
        complaint = env["complaint.complaint"].sudo().create(vals)
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
