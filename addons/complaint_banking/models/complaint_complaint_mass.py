from odoo import _, api, fields, models

from ..tools import profiles


class ComplaintComplaint(models.Model):
    """Mass complaints of banks (BANK-04): 20 or more people in person make a
    mass complaint (complaint_base's ``is_mass``), which is major and
    reported to the regulator.
    """

    _inherit = "complaint.complaint"

    # ------------------------------------------------ BANK-04 mass
    is_mass = fields.Boolean(
        compute="_compute_is_mass",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Many consumers, possible group incident: the complaint is major "
        "and is reported to the regulator. Set automatically when 20 or more "
        "people complain in person.",
    )

    @api.depends("bank_people_in_person")
    def _compute_is_mass(self):
        for rec in self:
            if profiles.is_mass_in_person(rec.bank_people_in_person):
                rec.is_mass = True
            else:
                rec.is_mass = rec.is_mass

    def _bank_check_mass(self):
        """BANK-04: a mass complaint is major and reported to the regulator."""
        Report = self.env["complaint.bank.regulator.report"].sudo()
        for rec in self.filtered("is_mass"):
            if rec.severity != "major":
                rec.write(
                    {
                        "severity": "major",
                        "severity_reason": _("mass complaint (BANK-04)"),
                    }
                )
            if not rec.bank_regulator_report_ids.filtered(
                lambda r: r.kind == "mass_complaint"
            ):
                Report.create(
                    {
                        "complaint_id": rec.id,
                        "kind": "mass_complaint",
                        "regulator_id": (
                            rec.bank_forwarding_office_id
                            or rec.company_id.complaint_bank_regulator_id
                        ).id,
                        "due_date": rec._bank_next_working_day(),
                        "user_id": (
                            rec.bank_senior_manager_id or rec.user_id or self.env.user
                        ).id,
                    }
                )
