from odoo import fields
from odoo.addons.complaint_base.fields import SANITIZED_ONCE
from odoo.addons.complaint_base.models.complaint_complaint_batch_create import (
    BATCH_DEFAULTS,
)

from .common import ComplaintCase
from .test_master_cache import PER_RECORD


class TestBatchCreate(ComplaintCase):
    """Issue 14: a batch registration looks its defaults up once and
    sanitizes each description once (``complaint_complaint_batch_create``).
    What it stores must be what one-by-one registrations store, per record
    and per user, and nothing of one batch may reach another."""

    def _vals(self, name, **vals):
        partner = self.env["res.partner"].create({"name": name})
        return dict(
            {
                "subject": f"Rude clerk ({name})",
                "partner_id": partner.id,
                "channel_id": self.phone.id,
                "category_id": self.cat_l3.id,
                "description": f"<p>{name}: the clerk was rude.</p>",
            },
            **vals,
        )

    def _batch(self, names, user=None, **vals):
        env = self.env(user=user) if user else self.env
        complaints = env["complaint.complaint"].create(
            [self._vals(name, **vals) for name in names]
        )
        self.env.flush_all()
        return complaints

    def test_base_20_batch_stores_what_single_registrations_store(self):
        # one receipt time for both calls: a second apart, every clock differs
        at = fields.Datetime.now()
        single = self._batch(["赵一"], user=self.registrar, received_at=at).sudo()
        batch = self._batch(
            ["钱二", "孙三", "李四"], user=self.registrar, received_at=at
        ).sudo()
        self.env.invalidate_all()
        names = [
            name
            for name, field in single._fields.items()
            if field.store
            and field.column_type
            and name not in PER_RECORD
            and name != "description"
        ]
        expected = {name: single[name] for name in names}
        for complaint in batch:
            self.assertEqual({name: complaint[name] for name in names}, expected)
        self.assertEqual(batch.registrant_id, self.registrar)
        self.assertEqual(batch.team_id, self.team_a)

    def test_base_57_batch_defaults_belong_to_their_user_and_context(self):
        """Two batches in one transaction, by two users, the first with a
        context default: each complaint has its own batch's defaults, and
        no memo outlives its ``create``."""
        Complaint = self.env["complaint.complaint"].with_user(self.registrar)
        first = Complaint.with_context(default_demand="Apologise").create(
            [self._vals("周五"), self._vals("吴六")]
        )
        second = self._batch(["郑七", "王八"], user=self.handler)
        self.assertEqual(first.registrant_id, self.registrar)
        self.assertEqual(first.mapped("demand"), ["Apologise", "Apologise"])
        self.assertEqual(second.registrant_id, self.handler)
        self.assertEqual(second.mapped("demand"), [False, False])
        self.assertNotIn(BATCH_DEFAULTS, self.env.cr.cache)
        self.assertNotIn(SANITIZED_ONCE, self.env.cr.cache)

    def test_base_57_batch_description_each_sanitized_once(self):
        """Each complaint of a batch keeps its own description, sanitized
        (the script removed) in the record cache and in the database."""
        names = ["冯九", "陈十", "褚十一"]
        Complaint = self.env["complaint.complaint"]
        vals_list = [
            self._vals(name, description=f"<p>{name}</p><script>steal()</script>")
            for name in names
        ]
        batch = Complaint.create(vals_list)
        cached = batch.mapped("description")
        self.env.flush_all()
        self.env.invalidate_all()
        stored = batch.mapped("description")
        for name, in_cache, in_db in zip(names, cached, stored, strict=True):
            self.assertEqual(str(in_cache), f"<p>{name}</p>")
            self.assertEqual(str(in_db), f"<p>{name}</p>")
