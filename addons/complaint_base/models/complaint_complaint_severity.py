from odoo import _, fields, models
from odoo.exceptions import AccessError

from ..tools import severity as severity_rules


class ComplaintComplaint(models.Model):
    """Severity of a complaint (BASE-11/25/31): the facts that make it
    major, raising it when they are set, and copying the leaders."""

    _inherit = "complaint.complaint"

    severity = fields.Selection(
        [("general", "General"), ("important", "Important"), ("major", "Major")],
        required=True,
        default="general",
        index=True,
        tracking=True,
    )
    severity_reason = fields.Char(tracking=True)
    serious_harm = fields.Boolean(
        help="Serious material, economic, mental or bodily harm."
    )
    is_mass = fields.Boolean(string="Mass Complaint")
    about_leadership = fields.Boolean(string="About a Company Leader")
    company_harm = fields.Boolean(string="Serious Harm to the Company")
    media_involved = fields.Boolean(tracking=True)
    regulator_involved = fields.Boolean(tracking=True)

    def _major_reason_text(self, flags):
        """BASE-11 reasons in the user's language, e.g. "media exposure"."""
        labels = {
            "serious_harm": _("serious material, economic, mental or bodily harm"),
            "is_mass": _("complaint by many customers / mass dispute"),
            "about_leadership": _("complaint about a company leader"),
            "company_harm": _("serious harm to the company"),
            "media_involved": _("media exposure"),
            "unresolved_month": _("valid complaint unresolved after one month"),
            "handled_late": _("general complaint not handled in time"),
        }
        return "; ".join(labels.get(flag, flag) for flag in flags)

    def _major_flags(self):
        self.ensure_one()
        return {
            flag: self[flag]
            for flag, _reason in severity_rules.MAJOR_RULES
            if flag in self._fields
        }

    def write(self, vals):
        if vals.get("received_at"):
            for rec in self:
                rec._check_received_at(vals, reference=rec.create_date)
        if vals.get("severity") and not self.env.su:
            self._check_severity_lowering(vals["severity"])
        res = super().write(vals)
        flag_names = {flag for flag, _reason in severity_rules.MAJOR_RULES}
        if flag_names & set(vals):
            for rec in self.filtered(lambda r: r.severity != "major"):
                major = severity_rules.major_flags(rec._major_flags())
                if major:
                    rec.write(
                        {
                            "severity": "major",
                            "severity_reason": rec._major_reason_text(major),
                        }
                    )
                    rec._notify_major_leaders()
        if "user_id" in vals or "team_id" in vals:
            self.filtered(lambda r: r.severity == "major")._notify_major_leaders()
        return res

    def _check_severity_lowering(self, severity):
        """BASE-11/25: the severity rules only raise it; lowering it (which
        would skip the plan approval) is a manager's decision."""
        order = {"general": 0, "important": 1, "major": 2}
        lowered = self.filtered(
            lambda r: order.get(severity, 0) < order.get(r.severity, 0)
        )
        if lowered and not self.env.user.has_group(
            "complaint_base.group_complaint_manager"
        ):
            raise AccessError(
                _(
                    "Only a complaint manager can lower the severity of %s.",
                    ", ".join(lowered.mapped("name")),
                )
            )

    def _notify_major_leaders(self):
        """BASE-31: major complaints copy the responsible leaders."""
        for rec in self.filtered(lambda r: r.severity == "major"):
            partners = rec.team_id.notify_partner_ids | rec.team_id.leader_id.partner_id
            partners |= rec.department_id.manager_id.user_id.partner_id
            partners -= rec.message_partner_ids
            if not partners:
                continue
            rec.message_subscribe(partner_ids=partners.ids)
            rec.message_post(
                body=_(
                    "Major complaint %(name)s assigned to %(team)s: leaders informed.",
                    name=rec.name,
                    team=rec.team_id.name or "-",
                ),
                partner_ids=partners.ids,
                subtype_xmlid="mail.mt_comment",
            )
