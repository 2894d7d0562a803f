from odoo import _, api, fields, models
from odoo.addons.complaint_base.models.complaint_complaint import OPEN_STATES
from odoo.exceptions import UserError

from ..tools import insurance_rules as rules

LIABILITY_STATES = [
    ("pending", "To Decide"),
    ("decided", "Decided"),
    ("disputed", "Disputed: Head-office Arbitration"),
    ("arbitrated", "Arbitrated by Head Office"),
]
HANDLER = "complaint_base.group_complaint_handler"


class ComplaintComplaint(models.Model):
    """Branches of an insurance complaint (INS-05) and the live transfer to
    the branch handler (INS-09): off-site claims, the handling and liable
    branches, the branch a complaint counts against, and routing.
    """

    _inherit = "complaint.complaint"

    # ------------------------------------------------------------- INS-05
    is_offsite_claim = fields.Boolean(
        string="Off-site Claim",
        compute="_compute_branches",
        store=True,
        precompute=True,
        help="The loss happened at another branch than the underwriting one: "
        "the underwriting branch handles the complaint.",
    )
    handling_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Handling Insurance Branch",
        compute="_compute_branches",
        store=True,
        precompute=True,
        index="btree_not_null",
    )
    responsible_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Liable Branch",
        tracking=True,
        copy=False,
        ondelete="restrict",
        help="Branch responsible for the service failure, decided after "
        "handling (定责).",
    )
    liability_state = fields.Selection(
        LIABILITY_STATES,
        string="Liability",
        default="pending",
        required=True,
        tracking=True,
        copy=False,
    )
    counted_branch_id = fields.Many2one(
        "complaint.insurance.branch",
        string="Counted Against",
        compute="_compute_counted_branch",
        store=True,
        precompute=True,
        index="btree_not_null",
        help="Branch whose complaint count this complaint goes to.",
    )
    liability_dispute_ids = fields.One2many(
        "complaint.liability.dispute", "complaint_id", string="Liability Disputes"
    )

    # ------------------------------------------------------------- INS-09
    call_started_at = fields.Datetime(
        string="Call Started", copy=False, help="Start of the caller's live call."
    )
    live_transfer_at = fields.Datetime(
        string="Live Transfer", readonly=True, copy=False, tracking=True
    )
    live_transfer_user_id = fields.Many2one(
        "res.users", string="Transferred To", readonly=True, copy=False
    )

    @api.depends("underwriting_branch_id", "loss_branch_id")
    def _compute_branches(self):
        for rec in self:
            rec.is_offsite_claim = rules.is_offsite_claim(
                rec.underwriting_branch_id, rec.loss_branch_id
            )
            rec.handling_branch_id = rules.handling_branch(
                rec.underwriting_branch_id, rec.loss_branch_id
            )

    @api.depends(
        "is_offsite_claim",
        "underwriting_branch_id",
        "responsible_branch_id",
        "is_overdue",
        "is_repeat",
    )
    def _compute_counted_branch(self):
        for rec in self:
            rec.counted_branch_id = rules.counted_branch(
                rec.is_offsite_claim,
                rec.underwriting_branch_id,
                rec.responsible_branch_id,
                rec.is_overdue,
                rec.is_repeat,
            )

    # ============================================================ routing
    def _get_routing_values(self):
        """INS-03/05: the catalogue's preset team, department and handler;
        an off-site claim goes to the underwriting branch, which handles it
        and answers for it; a branch fills what the catalogue leaves open."""
        values = super()._get_routing_values()
        if self.sector != "insurance" or not self.handling_branch_id:
            return values
        branch = self.handling_branch_id
        branch_values = {"team_id": branch.team_id.id, "user_id": branch.handler_id.id}
        for key, value in branch_values.items():
            if value and (self.is_offsite_claim or not values.get(key)):
                values[key] = value
        return values

    @api.onchange("underwriting_branch_id", "loss_branch_id")
    def _onchange_insurance_branches(self):
        if self.state == "new" and self.sector == "insurance":
            for key, val in self._get_routing_values().items():
                if val:
                    self[key] = val

    # ============================================================= INS-05
    def action_decide_liability(self):
        """The liable branch is decided (定责) after handling."""
        self._check_group(HANDLER)
        for rec in self:
            if not rec.responsible_branch_id:
                raise UserError(
                    _("Choose the liable branch of complaint %s first.", rec.name)
                )
            if rec.liability_state == "disputed":
                raise UserError(
                    _(
                        "The liability of complaint %s is disputed: the head "
                        "office decides it by arbitration.",
                        rec.name,
                    )
                )
            if rec.liability_state != "pending":
                raise UserError(
                    _("The liable branch of complaint %s is already decided.", rec.name)
                )
            rec._workflow_write({"liability_state": "decided"})
            rec.message_post(
                body=_("Liable branch: %s.", rec.responsible_branch_id.complete_name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_open_liability_dispute(self):
        self.ensure_one()
        self._check_group(HANDLER)
        return {
            "type": "ir.actions.act_window",
            "name": _("Dispute the Liability"),
            "res_model": "complaint.liability.dispute",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_complaint_id": self.id,
                "default_proposed_branch_id": self.responsible_branch_id.id,
            },
        }

    # ============================================================= INS-09
    def _get_branch_handler(self):
        self.ensure_one()
        branch = self.handling_branch_id
        return branch.handler_id or branch.team_id.leader_id

    def action_live_transfer(self):
        """INS-09: a caller kept online 15 minutes or more without a solution
        is transferred live to the branch handler."""
        self._check_group("complaint_base.group_complaint_user")
        now = fields.Datetime.now()
        for rec in self:
            if rec.live_transfer_at:
                raise UserError(
                    _("The call on complaint %s was already transferred.", rec.name)
                )
            if rec.state not in OPEN_STATES:
                raise UserError(
                    _("Complaint %s is resolved: no live transfer needed.", rec.name)
                )
            if not rec.call_started_at:
                raise UserError(
                    _("Record when the call started before transferring it.")
                )
            if not rules.live_transfer_allowed(rec.call_started_at, now):
                raise UserError(
                    _(
                        "The caller has been online for %(minutes)s minutes: a "
                        "live transfer to the branch is allowed after %(limit)s "
                        "minutes.",
                        minutes=rules.minutes_online(rec.call_started_at, now),
                        limit=rules.LIVE_TRANSFER_MINUTES,
                    )
                )
            handler = rec._get_branch_handler()
            if not handler:
                raise UserError(
                    _(
                        "No complaint handler is set for the branch of complaint "
                        "%s: set the branch and its handler first.",
                        rec.name,
                    )
                )
            rec._workflow_write(
                {"live_transfer_at": now, "live_transfer_user_id": handler.id}
            )
            rec.message_subscribe(partner_ids=handler.partner_id.ids)
            rec.message_post(
                body=_(
                    "Caller online for %(minutes)s minutes without a solution: "
                    "call transferred live to %(handler)s.",
                    minutes=rules.minutes_online(rec.call_started_at, now),
                    handler=handler.name,
                ),
                partner_ids=handler.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True
