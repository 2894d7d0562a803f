from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

#: BASE-57: set by the rating request only
RATING_WORKFLOW_FIELDS = {"rating_requested_at": "action_send_rating_request"}
#: after rating, the complainant may still add a comment this long
FEEDBACK_WINDOW = timedelta(hours=2)
RATEABLE = ("resolved", "review")
HANDLER = "complaint_base.group_complaint_handler"


class ComplaintComplaint(models.Model):
    """BASE-47 / BASE-41: the complainant rates the outcome without an
    account, through Odoo's rating mixin.  At resolution (or on
    ``action_send_rating_request``) they get a personal link by e-mail
    and/or SMS; their answer (1 / 3 / 5 in Odoo's rating page) becomes the
    follow-up's satisfaction, and a dissatisfied answer reopens the
    complaint.  Only the link's holder rates: ``rating_apply`` refuses any
    caller but the public rating page, the tokens of open ratings are hidden
    from users, and the link is kept out of the chatter."""

    # rating's API (rating_ids, _rating_get_access_token, rating_apply) is
    # on mail.thread; ``rating.mixin`` itself cannot be added here (it
    # inherits mail.thread, which comes earlier in the complaint's bases)
    _inherit = "complaint.complaint"
    _workflow_fields = RATING_WORKFLOW_FIELDS

    rating_requested_at = fields.Datetime(
        string="Rating Link Sent", readonly=True, copy=False
    )

    # ------------------------------------------------------------ request
    def action_resolve(self):
        result = super().action_resolve()
        self._complaint_request_rating(automatic=True)
        return result

    def action_send_rating_request(self):
        """Send (again) the rating link to the complainant."""
        self._check_group(HANDLER)
        self._check_state(RATEABLE, _("send the rating link of"))
        for rec in self:
            if rec.followup_done_at:
                raise UserError(
                    _("The complainant of %s has already answered.", rec.name)
                )
        self._complaint_request_rating()
        return True

    def _complaint_rating_url(self):
        """(link, token) of the complainant's open rating."""
        self.ensure_one()
        rec = self.sudo()
        token = rec._rating_get_access_token()
        return f"{rec.get_base_url()}/complaint/rate/{token}", token

    def _complaint_request_rating(self, automatic=False):
        mail_template = self.env.ref("complaint_base.mail_template_complaint_rating")
        sms_template = self.env.ref("complaint_base.sms_template_complaint_rating")
        for rec in self.sudo():
            if rec.followup_done_at:
                continue
            by_email, by_sms = rec._complaint_ack_channels()
            url, token = rec._complaint_rating_url()
            sent = refusal = False
            if by_email and rec._complaint_email():
                messages = rec._complaint_send_mail(mail_template)
                self._complaint_mask_links(messages, token)
                sent = True
            if by_sms and rec._complaint_mobile():
                refusal = rec._complaint_sms_refusal(sms_template)
                if not refusal:
                    sms = rec._complaint_send_sms(
                        sms_template, values={"rating_link": url}
                    )[rec.id]
                    self._complaint_mask_links(sms.mail_message_id, token)
                    sent = True
            if not sent and not automatic:
                raise UserError(
                    refusal
                    or _(
                        "No rating link sent for %s: the complainant left no "
                        "e-mail address or mobile number, or the team and channel "
                        "send no notices. Record the follow-up by phone instead.",
                        rec.name,
                    )
                )
            if refusal:
                rec.message_post(
                    body=_("Rating link not sent by SMS: %s", refusal),
                    subtype_xmlid="mail.mt_note",
                )
            if sent:
                rec._workflow_write({"rating_requested_at": fields.Datetime.now()})

    # ------------------------------------------------------------ answer
    def rating_apply(
        self,
        rate,
        token=None,
        rating=None,
        feedback=None,
        subtype_xmlid=None,
        notify_delay_send=False,
    ):
        """Only the public rating page (which runs as superuser once it
        found the token) applies a complainant's rating; the first answer
        counts, a comment may follow within two hours."""
        if not self.env.su:
            raise AccessError(
                _(
                    "Only the complainant rates a complaint, through the personal "
                    "link they received (BASE-47). Record a phone follow-up instead."
                )
            )
        self.ensure_one()
        if token:
            rating = self.env["rating.rating"].search(
                [("access_token", "=", token)], limit=1
            )
        if not rating or rating.res_model != self._name or rating.res_id != self.id:
            raise ValueError(_("Invalid token or rating."))
        if rating.consumed:
            if not self._complaint_feedback_open():
                return rating
            rate = rating.rating  # the first answer counts
        first = not rating.consumed
        rating = super().rating_apply(
            rate,
            rating=rating,
            feedback=feedback,
            subtype_xmlid=subtype_xmlid,
            notify_delay_send=notify_delay_send,
        )
        if first:
            self._complaint_rating_to_followup(rating, feedback)
        elif feedback:
            self.write({"followup_comment": feedback})
        return rating

    def _complaint_feedback_open(self):
        done = self.followup_done_at
        return bool(done) and fields.Datetime.now() - done <= FEEDBACK_WINDOW

    def _complaint_rating_to_followup(self, rating, feedback):
        """BASE-41: the rating is the follow-up; 1-2 reopens."""
        self.ensure_one()
        if self.state not in RATEABLE or self.followup_done_at:
            self.message_post(
                body=_(
                    "Rating %s/5 received, but the follow-up of this complaint was "
                    "already recorded or it is no longer resolved: not applied.",
                    int(rating.rating),
                ),
                subtype_xmlid="mail.mt_note",
            )
            return
        satisfaction = str(min(5, max(1, round(rating.rating))))
        self._record_followup(satisfaction, "survey", feedback or False)

    @api.returns("mail.message", lambda value: value.id)
    def message_post(self, **kwargs):
        # a complaint is rated through the complainant's link only, never
        # by a message carrying a rating value (portal chatter, RPC)
        kwargs.pop("rating_value", None)
        return super().message_post(**kwargs)


class RatingRating(models.Model):
    """Complaint ratings are written by the rating page only (BASE-47)."""

    _inherit = "rating.rating"

    _PROTECTED = frozenset(
        {"rating", "consumed", "feedback", "access_token", "res_id", "res_model_id"}
    )

    def _complaint_refusal(self):
        return AccessError(
            _(
                "A complaint's rating is given by the complainant through their "
                "personal link only (BASE-47)."
            )
        )

    def _is_complaint_rating(self):
        return any(r.res_model == "complaint.complaint" for r in self.sudo())

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            model_id = self.env["ir.model"]._get_id("complaint.complaint")
            for vals in vals_list:
                if vals.get("res_model_id") == model_id or (
                    vals.get("res_model") == "complaint.complaint"
                ):
                    raise self._complaint_refusal()
        return super().create(vals_list)

    def write(self, vals):
        if (
            not self.env.su
            and self._PROTECTED.intersection(vals)
            and self._is_complaint_rating()
        ):
            raise self._complaint_refusal()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_complaint_rating(self):
        if not self.env.su and self._is_complaint_rating():
            raise self._complaint_refusal()
