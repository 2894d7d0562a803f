"""Confidential complaints follow the people (BASE-54).

A confidential complaint is hidden from the people it concerns: the
complained employee, the users of the complained department and of its
sub-departments, the managers up the department tree (of the department and
of the employee) and the people named in its responsibilities.  They are
stored on the complaint (``confidential_excluded_user_ids``), so the record
rule follows the relation in SQL (nothing frozen in the rule cache), and HR
changes (moves, new managers, new sub-departments) recompute them
(``_confidential_refresh``, called by hr.employee and hr.department).

The same set filters everything that would tell them about the case:
followers (``_message_subscribe``, auto-subscription), explicit recipients
(``message_post``/``message_notify``), notified followers
(``_notify_get_recipients``) and activities (``activity_schedule`` and
``mail.activity`` creation).
"""

import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .complaint_complaint import HANDLER, MANAGER

_logger = logging.getLogger(__name__)

#: complaint fields whose change can change the people concerned
CONCERNED_FIELDS = frozenset(
    {"is_confidential", "employee_id", "department_id", "responsibility_ids"}
)


class ComplaintComplaint(models.Model):
    _inherit = "complaint.complaint"

    confidential_excluded_user_ids = fields.Many2many(
        "res.users",
        "complaint_confidential_excluded_user_rel",
        "complaint_id",
        "user_id",
        string="Hidden From",
        compute="_compute_confidential_excluded_user_ids",
        store=True,
        context={"active_test": False},
        help="Confidential complaint: users concerned by it (the complained "
        "employee, the users of the complained department and of its "
        "sub-departments, their managers up the department tree, the people "
        "named in its responsibilities). They cannot see it, follow it or be "
        "notified about it (BASE-54).",
    )

    # ========================================================== the people
    @api.depends(
        "is_confidential",
        "employee_id",
        "department_id",
        "responsibility_ids.employee_id",
        "responsibility_ids.department_id",
    )
    def _compute_confidential_excluded_user_ids(self):
        for rec in self:
            if rec.is_confidential:
                users = rec._confidential_concerned()[0]
                rec.confidential_excluded_user_ids = users
            else:
                rec.confidential_excluded_user_ids = False

    def _confidential_concerned(self):
        """``(users, partners)`` concerned by this complaint (see module
        doc); partners include the work contacts of employees without user."""
        self.ensure_one()
        rec = self.sudo().with_context(active_test=False)
        Employee = rec.env["hr.employee"]
        Department = rec.env["hr.department"]
        employees = rec.employee_id | rec.responsibility_ids.employee_id
        departments = rec.department_id | rec.responsibility_ids.department_id
        if departments:
            # members of the departments and of all their sub-departments
            employees |= Employee.search(
                [("department_id", "child_of", departments.ids)]
            )
        # managers up the tree: of the departments concerned, of the
        # employees' departments, and the employees' own managers
        tree = (
            departments
            | (rec.employee_id | rec.responsibility_ids.employee_id).department_id
        )
        seen = Department
        while tree:
            seen |= tree
            employees |= tree.manager_id
            tree = tree.parent_id - seen
        boss = (rec.employee_id | rec.responsibility_ids.employee_id).parent_id
        while boss - employees:
            employees |= boss
            boss = boss.parent_id
        users = employees.user_id
        partners = users.partner_id | employees.work_contact_id
        return users, partners

    def _confidential_excluded_partners(self):
        """Partners that must not follow or hear about these complaints."""
        partners = self.env["res.partner"]
        for rec in self.sudo().filtered("is_confidential"):
            partners |= rec._confidential_concerned()[1]
        return partners

    @api.model
    def _confidential_refresh(self):
        """Recompute the people of every confidential complaint after an HR
        change (a move, a new manager, a department moved in the tree), and
        remove them from followers and activities at once."""
        records = (
            self.sudo()
            .with_context(active_test=False)
            .search([("is_confidential", "=", True)])
        )
        if not records:
            return records
        field = self._fields["confidential_excluded_user_ids"]
        self.env.add_to_compute(field, records)
        records._recompute_recordset(["confidential_excluded_user_ids"])
        records._confidential_purge()
        return records

    def _confidential_purge(self):
        """Unsubscribe the people concerned and drop their activities."""
        for rec in self.sudo().filtered("is_confidential"):
            partners = rec._confidential_excluded_partners()
            followers = rec.message_follower_ids.filtered(
                lambda f, partners=partners: f.partner_id in partners
            )
            if followers:
                followers.unlink()
            users = rec.confidential_excluded_user_ids
            activities = rec.activity_ids.filtered(
                lambda a, users=users: a.user_id in users
            )
            if activities:
                activities.unlink()

    def write(self, vals):
        if CONCERNED_FIELDS & set(vals) and not self.env.su:
            self._confidential_check_change(vals)
        res = super().write(vals)
        if CONCERNED_FIELDS & set(vals):
            self.sudo().filtered("is_confidential")._confidential_purge()
        return res

    def _confidential_check_change(self, vals):
        """BASE-54: lifting the confidentiality shows the case to the people
        it concerns: a manager's decision.  Who it concerns (the complained
        employee and department) is changed by a handler."""
        confidential = self.sudo().filtered("is_confidential")
        if not confidential:
            return
        user = self.env.user
        if "is_confidential" in vals and not vals["is_confidential"]:
            if not user.has_group(MANAGER):
                raise AccessError(
                    _(
                        "Only a complaint manager may lift the confidentiality of "
                        "complaint %s: the people it concerns would see it.",
                        confidential[0].name,
                    )
                )
        elif not user.has_group(HANDLER):
            raise AccessError(
                _(
                    "Complaint %s is confidential: only a handler may change who "
                    "it concerns.",
                    confidential[0].name,
                )
            )

    # ====================================================== mail filters
    def _message_subscribe(self, partner_ids=None, subtype_ids=None, customer_ids=None):
        confidential = self.sudo().filtered("is_confidential").with_env(self.env)
        if not partner_ids or not confidential:
            return super()._message_subscribe(partner_ids, subtype_ids, customer_ids)
        super(ComplaintComplaint, self - confidential)._message_subscribe(
            partner_ids, subtype_ids, customer_ids
        )
        for rec in confidential:
            excluded = set(rec._confidential_excluded_partners().ids)
            allowed = [pid for pid in partner_ids if pid not in excluded]
            if len(allowed) < len(partner_ids):
                _logger.info(
                    "Confidential complaint %s: not subscribing partners %s",
                    rec.id,
                    sorted(set(partner_ids) - set(allowed)),
                )
            if allowed:
                super(ComplaintComplaint, rec)._message_subscribe(
                    allowed, subtype_ids, customer_ids
                )
        return True

    def _message_auto_subscribe(self, updated_values, followers_existing_policy="skip"):
        res = super()._message_auto_subscribe(
            updated_values, followers_existing_policy=followers_existing_policy
        )
        self.sudo().filtered("is_confidential")._confidential_purge()
        return res

    def _confidential_filter_partner_ids(self, partner_ids):
        if not partner_ids or not self.sudo().filtered("is_confidential"):
            return partner_ids
        excluded = set(self._confidential_excluded_partners().ids)
        return [pid for pid in partner_ids if pid not in excluded]

    def _complaint_audience_is_internal(self, partner_ids, kwargs):
        """A message from an employee addressed only to employees (a notice
        to leaders, an escalation) is internal: it must not reach the
        complainant by e-mail nor show on the portal, whatever its subtype."""
        if not partner_ids or kwargs.get("is_internal"):
            return False
        Partner = self.env["res.partner"].sudo()
        if any(partner.partner_share for partner in Partner.browse(partner_ids)):
            return False
        author = (
            Partner.browse(kwargs.get("author_id") or []) or self.env.user.partner_id
        )
        return not author.sudo().partner_share

    def _message_subtype_is_internal(self, kwargs):
        if kwargs.get("subtype_xmlid"):
            subtype = self.env.ref(kwargs["subtype_xmlid"], raise_if_not_found=False)
        elif kwargs.get("subtype_id"):
            subtype = self.env["mail.message.subtype"].browse(kwargs["subtype_id"])
        else:
            return True  # message_post's default: a note
        return bool(subtype and subtype.sudo().internal)

    def message_post(self, **kwargs):
        if kwargs.get("partner_ids"):
            pids = self._confidential_filter_partner_ids(list(kwargs["partner_ids"]))
            if kwargs.get("message_type") == "sms":
                pass  # a text message is written for its recipients
            elif kwargs.get("is_internal") or self._message_subtype_is_internal(kwargs):
                # a note mentioning a customer is never e-mailed to them
                Partner = self.env["res.partner"].sudo()
                pids = [pid for pid in pids if not Partner.browse(pid).partner_share]
            elif self._complaint_audience_is_internal(pids, kwargs):
                kwargs["is_internal"] = True
            kwargs["partner_ids"] = pids
        return super().message_post(**kwargs)

    def message_notify(self, **kwargs):
        if kwargs.get("partner_ids") and self:
            kwargs["partner_ids"] = self._confidential_filter_partner_ids(
                list(kwargs["partner_ids"])
            )
        return super().message_notify(**kwargs)

    def _notify_get_recipients(self, message, msg_vals, **kwargs):
        """Followers and recipients actually notified: never the people
        concerned by a confidential complaint; a customer or portal user
        only for a discussion message not marked employee-only."""
        recipients = super()._notify_get_recipients(message, msg_vals, **kwargs)
        if not self or not recipients:
            return recipients
        excluded = set(self._confidential_excluded_partners().ids)
        internal = self._notify_message_is_internal(message, msg_vals)
        return [
            data
            for data in recipients
            if data["id"] not in excluded and not (internal and data.get("share"))
        ]

    def _notify_message_is_internal(self, message, msg_vals):
        """Whether a message is not meant for the complainant: only
        discussions (``mail.mt_comment``) not marked employee-only and the
        text messages sent to them are."""
        msg_vals = msg_vals or {}
        msg = message.sudo()
        if msg_vals.get("message_type", msg.message_type) == "sms":
            return False  # a text message is written for its recipients
        if msg_vals.get("is_internal", msg.is_internal):
            return True
        subtype_id = msg_vals.get("subtype_id", msg.subtype_id.id)
        return subtype_id != self.env["ir.model.data"]._xmlid_to_res_id(
            "mail.mt_comment"
        )

    def activity_schedule(
        self, act_type_xmlid="", date_deadline=None, summary="", note="", **act_values
    ):
        """No activity for a person concerned by a confidential complaint
        (an SLA warning, an escalation, a plan or extension approval)."""
        user_id = act_values.get("user_id") or self.env.uid
        hidden = self.sudo().filtered(
            lambda r: r.is_confidential
            and user_id in r.confidential_excluded_user_ids.ids
        )
        if not hidden:
            return super().activity_schedule(
                act_type_xmlid, date_deadline, summary, note, **act_values
            )
        _logger.info(
            "Confidential complaints %s: no activity for user %s", hidden.ids, user_id
        )
        allowed = self - hidden
        if not allowed:
            return self.env["mail.activity"]
        return super(ComplaintComplaint, allowed).activity_schedule(
            act_type_xmlid, date_deadline, summary, note, **act_values
        )

    def _sla_schedule_activities(self, items, note=None, date_deadline=None):
        """The SLA watcher's batch of activities (escalations, reminders):
        none for a person concerned by a confidential complaint."""
        kept = [
            (rec, user, summary)
            for rec, user, summary in items
            if not (
                rec.sudo().is_confidential
                and user in rec.sudo().confidential_excluded_user_ids
            )
        ]
        if len(kept) < len(items):
            _logger.info(
                "Confidential complaints: %s activities not given to the people "
                "concerned",
                len(items) - len(kept),
            )
        if not kept:
            return None
        return super()._sla_schedule_activities(
            kept, note=note, date_deadline=date_deadline
        )


class MailActivity(models.Model):
    _inherit = "mail.activity"

    @api.model_create_multi
    def create(self, vals_list):
        """An activity on a confidential complaint cannot be given to a
        person it concerns (the accused, their managers)."""
        if not self.env.su:
            self._confidential_check_assignees(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        """Nor can an activity be handed over to them, or moved onto a
        confidential complaint that concerns its assignee."""
        moved = {"user_id", "res_id", "res_model", "res_model_id"} & set(vals)
        if moved and not self.env.su:
            self._confidential_check_assignees(
                [
                    {
                        "user_id": vals.get("user_id", act.user_id.id),
                        "res_id": vals.get("res_id", act.res_id),
                        "res_model": vals.get("res_model", act.res_model),
                        "res_model_id": vals.get("res_model_id", act.res_model_id.id),
                    }
                    for act in self.sudo()
                ]
            )
        return super().write(vals)

    def _confidential_check_assignees(self, vals_list):
        model_id = self.env["ir.model"]._get_id("complaint.complaint")
        on_complaints = [
            vals
            for vals in vals_list
            if vals.get("user_id")
            and vals.get("res_id")
            and (
                vals.get("res_model") == "complaint.complaint"
                or vals.get("res_model_id") == model_id
            )
        ]
        if not on_complaints:
            return
        Complaint = self.env["complaint.complaint"].sudo()
        complaints = Complaint.browse([vals["res_id"] for vals in on_complaints])
        excluded = {
            c.id: c.confidential_excluded_user_ids.ids for c in complaints.exists()
        }
        for vals in on_complaints:
            if vals["user_id"] in excluded.get(vals["res_id"], ()):
                raise UserError(
                    _(
                        "This complaint is confidential and concerns the person "
                        "you chose: assign the activity to someone else."
                    )
                )
