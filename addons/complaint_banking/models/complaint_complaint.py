from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import profiles

OPEN_STATES = ("new", "accepted", "in_progress")
DECIDED_STATES = ("resolved", "review", "closed")
#: BASE-57: banking fields set by notices and computations, never by hand
BANK_WORKFLOW_FIELDS = {
    "bank_acceptance_notified_at": "action_bank_new_notice",
    "bank_decision_notified_at": "action_bank_new_notice",
    "bank_review_deadline": "action_bank_new_notice",
    "bank_is_merged": "repeat-merging",
}
#: fields whose change makes the senior managers follow the complaint
FOLLOW_TRIGGER_FIELDS = {"bank_branch_id", "department_id", "sector"}
#: fields whose change may make a complaint a mass one (BANK-04); the
#: check's own writes (is_mass, severity) do not trigger it again
MASS_TRIGGER_FIELDS = {"is_mass", "bank_people_in_person", "sector"}


class ComplaintComplaint(models.Model):
    """Bank consumer complaints (BANK-01 … BANK-08).

    Everything here applies only when ``sector == 'banking'``; the other
    complaints keep the base behaviour.  Bank complaints follow the CBIRC
    2020 measures of complaint_base (``_cbirc2020_applies``: the review,
    the regulator-forwarded flag, the extension approval level); the time
    limits come from the company's regulation profile
    (``tools/profiles.py``).  This file: the case data (complexity, JR/T
    codes, people, forwarding office), registration and its checks.  The
    other concerns: ``complaint_complaint_branch.py`` (BANK-06),
    ``complaint_complaint_clock.py`` (BANK-01), ``complaint_complaint_mass.py``
    (BANK-04), ``complaint_complaint_notice.py`` (BANK-02/03/08).

    BASE-57: when the customer was told of the acceptance and of the decision
    (and so the review window) is written by the sent notices only.
    """

    _inherit = "complaint.complaint"

    def _past_moment_fields(self):
        """BANK-03: the date a regulator forwarded the complaint."""
        return super()._past_moment_fields() + ("bank_forwarding_date",)

    #: merged with the other addons' sets by complaint.workflow.guard
    _workflow_fields = BANK_WORKFLOW_FIELDS

    sector = fields.Selection(
        selection_add=[("banking", "Banking")],
        ondelete={"banking": "set default"},
    )
    bank_profile = fields.Selection(
        related="company_id.complaint_bank_profile", string="Regulation"
    )
    bank_complexity = fields.Selection(
        [("simple", "Simple"), ("complex", "Complex")],
        string="Complexity",
        default="simple",
        tracking=True,
        help="Under the 2020 measures a complex case is decided within 30 "
        "days instead of 15; the customer is told the new date and why.",
    )
    bank_complexity_reason = fields.Text(
        string="Why Complex",
        help="Reason given to the customer for the longer period.",
    )
    # ---------------------------------------------------- BANK-07 codes
    bank_business_type = fields.Many2one(
        "complaint.bank.code",
        string="Business Type (JR/T)",
        domain=[("code_type", "=", "business_type")],
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    bank_cause = fields.Many2one(
        "complaint.bank.code",
        string="Cause (JR/T)",
        domain=[("code_type", "=", "cause")],
        ondelete="restrict",
        index=True,
        tracking=True,
    )
    bank_business_channel = fields.Many2one(
        "complaint.bank.code",
        string="Business Channel (JR/T)",
        domain=[("code_type", "=", "channel")],
        ondelete="restrict",
        index=True,
        help="Channel through which the business complained about was "
        "handled (counter, self-service, e-banking, third party...).",
    )
    bank_people_in_person = fields.Integer(
        string="People in Person",
        help="Number of people who came in person to complain (20 or more: "
        "mass complaint).",
    )
    bank_consumers_involved = fields.Integer(
        string="Consumers Involved",
        help="Number of consumers whose interests the matter affects.",
    )
    # ------------------------------------------- BANK-03 regulator
    bank_forwarding_office_id = fields.Many2one(
        "res.partner",
        string="Forwarding Office",
        help="Regulator office that forwarded the complaint and receives the "
        "result.",
    )
    bank_forwarding_ref = fields.Char(string="Forwarding Number")
    bank_forwarding_date = fields.Date(string="Forwarded On")
    bank_forwarding_request = fields.Text(
        string="Forwarding Requirements",
        help="What the regulator asks: handle it as requested.",
    )
    bank_forwarding_deadline = fields.Date(
        string="Reply to Regulator By",
        help="Date set by the forwarding office; when it is earlier than the "
        "regulation's period, it becomes the decision deadline.",
    )
    bank_regulator_report_ids = fields.One2many(
        "complaint.bank.regulator.report", "complaint_id", string="Regulator Reports"
    )
    _sql_constraints = [
        (
            "bank_people_in_person_positive",
            "CHECK(bank_people_in_person >= 0)",
            "The number of people in person cannot be negative.",
        ),
        (
            "bank_consumers_involved_positive",
            "CHECK(bank_consumers_involved >= 0)",
            "The number of consumers involved cannot be negative.",
        ),
    ]

    def _cbirc2020_applies(self):
        return self.sector == "banking" or super()._cbirc2020_applies()

    # ================================================== create / write
    @api.model_create_multi
    def create(self, vals_list):
        # BANK-06: the user's branch, looked up once for the whole batch
        if "default_bank_receiving_branch_id" not in self.env.context and any(
            "bank_receiving_branch_id" not in v for v in vals_list
        ):
            branch_id = self._default_bank_receiving_branch()
            for vals in vals_list:
                vals.setdefault("bank_receiving_branch_id", branch_id)
        records = super().create(vals_list)
        banking = records._sector_records("banking")
        banking._bank_follow_senior_manager()
        banking._bank_check_mass()
        return records

    def write(self, vals):
        if "bank_receiving_branch_id" in vals:
            for rec in self:
                if (
                    rec.sector == "banking"
                    and rec.state != "new"
                    and rec.bank_receiving_branch_id
                    and rec.bank_receiving_branch_id.id
                    != vals["bank_receiving_branch_id"]
                ):
                    raise UserError(
                        _(
                            "Complaint %(name)s was first received by %(branch)s: "
                            "under first-question responsibility that branch stays "
                            "on record. Change the handling branch instead.",
                            name=rec.name,
                            branch=rec.bank_receiving_branch_id.display_name,
                        )
                    )
        to_complex = self.env["complaint.complaint"]
        if vals.get("bank_complexity") == "complex":
            to_complex = self.filtered(
                lambda r: r.sector == "banking"
                and r.bank_complexity != "complex"
                and r.state in ("accepted", "in_progress")
            )
        res = super().write(vals)
        banking = self._sector_records("banking")
        if not banking:
            return res
        if FOLLOW_TRIGGER_FIELDS & set(vals):
            banking._bank_follow_senior_manager()
        if MASS_TRIGGER_FIELDS & set(vals):
            banking._bank_check_mass()
        if to_complex:
            to_complex._bank_notify_complex()
        return res

    @api.constrains("bank_complexity", "bank_complexity_reason", "sector")
    def _check_bank_complexity_reason(self):
        for rec in self:
            if (
                rec.sector == "banking"
                and rec.bank_complexity == "complex"
                and rec.bank_profile == profiles.CBIRC_2020
                and not (rec.bank_complexity_reason or "").strip()
            ):
                raise ValidationError(
                    _(
                        "Complaint %s is marked complex: give the reason, the "
                        "customer is told why the decision takes up to 30 days.",
                        rec.name,
                    )
                )

    def _bank_next_working_day(self):
        """Local date of the next working day (report "promptly")."""
        self.ensure_one()
        calendar = self._get_sla_calendar()
        today = calendar.to_local(fields.Datetime.now()).date()
        return calendar.add_working_days(today, 1)

    def _bank_local_date(self, value):
        self.ensure_one()
        if not value:
            return False
        return self._get_sla_calendar().to_local(value).date()
