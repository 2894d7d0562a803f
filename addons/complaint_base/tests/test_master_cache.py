from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import new_test_user

from .common import ComplaintCase

#: stored fields that differ between two registrations of the same matter
PER_RECORD = {
    "id",
    "name",
    "number",
    "access_token",
    "create_date",
    "write_date",
    "partner_id",
    "commercial_partner_id",
    "contact_name",
    "phone",
    "email",
    "phone_sanitized",
    "email_normalized",
    "subject",
    "message_main_attachment_id",
    "parent_id",
}


class TestMasterCache(ComplaintCase):
    """Issue 14: a registration reads its category, channel, team, company,
    calendar and escalation rules from a per-process snapshot
    (``_master_snapshot``).  What it stores must be what a registration
    reading the database stores, and the snapshot must follow every change
    of those records, including the ones the database makes by itself.
    Each test starts a "new request": the record cache emptied, the
    registry cache kept, as in another request of the same worker."""

    def _register(self, user=None, **vals):
        complaint = self._complaint(user=user, **vals)
        self.env.flush_all()
        return complaint

    def _new_request(self):
        self.env.invalidate_all()

    def test_base_20_snapshot_stores_what_a_database_read_stores(self):
        self._register()  # builds the snapshots
        self._new_request()
        # one receipt time for both: two registrations a second apart would
        # differ in every clock, not in what the snapshot gives
        received = fields.Datetime.now()
        partner = self.env["res.partner"].create({"name": "钱多多"})
        cached = self._register(partner_id=partner.id, received_at=received)
        self._new_request()
        Complaint = type(self.env["complaint.complaint"])
        with patch.object(Complaint, "_prefill_masters", lambda self, vals: None):
            partner = self.env["res.partner"].create({"name": "孙小美"})
            read = self._register(partner_id=partner.id, received_at=received)
        names = [
            name
            for name, field in cached._fields.items()
            if field.store and field.column_type and name not in PER_RECORD
        ]
        self.assertEqual(cached.team_id, self.team_a)
        self.assertEqual(
            {name: cached[name] for name in names},
            {name: read[name] for name in names},
        )

    def test_base_20_routing_follows_a_changed_category(self):
        self.assertEqual(self._register().team_id, self.team_a)
        self.cat_l1.team_id = self.team_b
        self._new_request()
        self.assertEqual(self._register().team_id, self.team_b)

    def _assert_routing_follows_deletion(self, field, record, inherited):
        """``record``, the default ``field`` of the complaint's category,
        is deleted: the database empties the category's reference (ON
        DELETE SET NULL) without a write on the category, and the next
        registration inherits ``inherited`` from the parent category."""
        self.cat_l3[field] = record
        self.assertEqual(self._register()[field], record)
        record.unlink()
        self._new_request()
        self.assertEqual(self._register()[field], inherited)

    def test_base_20_routing_follows_a_deleted_department(self):
        department = self.env["hr.department"].create({"name": "Closing Dept"})
        self._assert_routing_follows_deletion(
            "department_id", department, self.department
        )

    def test_base_20_routing_follows_a_deleted_team(self):
        team = self.env["complaint.team"].create({"name": "Short-lived"})
        self._assert_routing_follows_deletion("team_id", team, self.team_a)

    def test_base_57_backdating_bound_follows_the_company(self):
        earlier = fields.Datetime.now() - timedelta(days=3)
        self.company.complaint_backdate_days = 5
        late = {"received_at": earlier, "received_at_reason": "Call logged late"}
        self._register(user=self.handler, **late)
        self.company.complaint_backdate_days = 2
        self._new_request()
        with self.assertRaises(UserError):
            self._register(user=self.handler, **late)

    def test_base_20_snapshot_saves_the_master_reads(self):
        """What the snapshot is for: a registration in a new request reads
        none of the category, channel, team, company, calendar or
        escalation-rule rows."""
        self._register()
        self._new_request()
        tables = (
            '"complaint_category"',
            '"complaint_channel"',
            '"complaint_team"',
            '"res_company"',
            '"resource_calendar"',
            '"complaint_escalation_rule"',
        )
        statements = []
        execute = type(self.env.cr).execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(type(self.env.cr), "execute", spy):
            self._register()
        # a row read selects every stored column (write_date among them);
        # the computed ones are left out of the snapshot and may be read
        # (the company's contact details, related to its partner, for the
        # layout of a notification)
        master_reads = [
            sql
            for sql in statements
            if sql.lstrip().startswith("SELECT")
            and any(
                f"FROM {table}" in sql and f'{table}."write_date"' in sql
                for table in tables
            )
        ]
        self.assertEqual(master_reads, [])

    def test_base_20_snapshot_follows_a_reference_the_database_empties(self):
        """Deleting the company's SMS gateway empties the company's
        reference in the database (ON DELETE SET NULL): the snapshot of the
        company must not keep the deleted gateway."""
        gateway = self.env["complaint.sms.gateway"].create(
            {
                "name": "Alibaba",
                "provider": "alibaba",
                "sign_name": "Sign",
                "access_key_id": "key-id",
                "access_key_secret": "key-secret",
            }
        )
        self.company.complaint_sms_gateway_id = gateway
        Complaint = self.env["complaint.complaint"]

        def snapshot_gateway():
            (company_row, *_rest) = Complaint._master_snapshot(
                "company", self.company.id, "en_US"
            )
            return dict(company_row[2])["complaint_sms_gateway_id"]

        self.assertEqual(snapshot_gateway(), (gateway.id,))
        gateway.unlink()
        self.assertEqual(snapshot_gateway(), (None,))

    def test_base_20_snapshot_follows_the_registering_user(self):
        """The registering user and their contact are in the snapshot: a
        change to either shows in the next registration (the creation
        message's sender)."""
        registrar = self.registrar
        registrar.partner_id.email = "registrar@example.cn"
        complaint = self._register(user=registrar)
        self.assertIn("registrar@example.cn", complaint.message_ids[-1].email_from)
        registrar.partner_id.email = "front-desk@example.cn"
        self._new_request()
        complaint = self._register(user=registrar)
        self.assertIn("front-desk@example.cn", complaint.message_ids[-1].email_from)
        registrar.login = "t_front_desk"
        (user_row, _partner_row) = self.env["complaint.complaint"]._master_snapshot(
            "user", registrar.id, "en_US"
        )
        self.assertEqual(dict(user_row[2])["login"], ("t_front_desk",))

    def test_base_20_snapshot_leaves_out_computed_fields(self):
        """The company's e-mail is stored but computed from its contact:
        changing the contact changes it in the database without a write on
        the company (nothing clears the snapshot), so the snapshot must not
        hold the old address."""
        self._register()
        self.company.partner_id.email = "complaints@example.cn"
        self.env.flush_all()
        self.assertEqual(self.company.email, "complaints@example.cn")
        (company_row, *_rest) = self.env["complaint.complaint"]._master_snapshot(
            "company", self.company.id, "en_US"
        )
        self.assertIn(
            dict(company_row[2]).get("email", (None,)),
            [(None,), ("complaints@example.cn",)],
        )

    def test_base_20_portal_account_edits_clear_no_cache(self):
        """A portal user's account is not in the snapshot, so editing their
        contact details (as the portal's "My account" page does) does not
        empty every worker's registry cache; an internal user's contact
        does."""
        portal = new_test_user(
            self.env, "t_portal_snap", groups="base.group_portal", name="Portal"
        )
        Complaint = self.env["complaint.complaint"]
        self.assertEqual(Complaint._master_snapshot("user", portal.id, "en_US"), ())
        registry = type(self.env.registry)
        with patch.object(registry, "clear_cache") as clear:
            portal.partner_id.sudo().write(
                {"phone": "+86 138 0000 0001", "street": "1 Nanjing Road"}
            )
        clear.assert_not_called()
        with patch.object(registry, "clear_cache") as clear:
            self.registrar.partner_id.write({"phone": "+86 138 0000 0002"})
        clear.assert_called()
