"""Complainant portal (BASE-03): follow, answer, rate and file complaints.

Security: every read goes through the record rules of the portal user
(``rule_complaint_portal``) or ``_document_check_access`` (which also accepts
the record's access token); the sudo record it returns is only used to render
the fields a complainant may see.  Posting a new complaint is limited in size
and rate.
"""

from collections import OrderedDict

from odoo import _, http
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from .portal_form import ComplaintPortalForm
from .portal_rating import RATEABLE_STATES, ComplaintPortalRating

PORTAL_STATES = {
    "open": ("new", "accepted", "in_progress"),
    "answered": ("resolved", "review"),
    "closed": ("closed", "invalid", "withdrawn", "merged"),
}


class ComplaintPortal(ComplaintPortalRating, ComplaintPortalForm, CustomerPortal):
    """Complaints of the logged-in complainant: list, detail, rating (see
    portal_rating.py) and the new-complaint form (see portal_form.py)."""

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
