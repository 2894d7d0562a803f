"""Complainant portal, rating of the outcome (BASE-41).

Mixed into ``ComplaintPortal`` (controllers/portal.py): only the complainant
rates, through their own portal user or the access token they received.
"""

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import consteq, plaintext2html

MAX_COMMENT = 1000
RATEABLE_STATES = ("resolved", "review")


class ComplaintPortalRating:
    """Rating routes and helpers of the complainant portal."""

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
