"""18.0.1.2.0: the CBIRC 2020 measures live once, in complaint_base.

* ``complaint.bank.review`` becomes complaint_base's ``complaint.review``
  (banking extends it): its table, rows, chatter, activities, followers,
  attachments, tracking and external ids move over, ``applied_at`` becomes
  ``requested_at`` and ``decision_deadline`` becomes ``deadline``;
* ``bank_regulator_forwarded`` and ``is_mass_complaint`` are carried into
  the shared ``regulator_forwarded`` and ``is_mass``;
* the extension's ``bank_approval_level`` into the shared ``approval_level``;
* the pause reasons ``bank_testing`` / ``bank_evaluation`` become the 2020
  measures' ``testing`` / ``evaluation``.

complaint_base is updated first (banking depends on it), so its empty
``complaint_review`` table and ``ir.model`` row already exist here.
"""

import logging

from odoo.tools.sql import column_exists, table_exists

_logger = logging.getLogger(__name__)

OLD_MODEL, NEW_MODEL = "complaint.bank.review", "complaint.review"
OLD_TABLE, NEW_TABLE = "complaint_bank_review", "complaint_review"
RENAMED_COLUMNS = {"applied_at": "requested_at", "decision_deadline": "deadline"}
#: complaint column of the old field -> shared column
COMPLAINT_FLAGS = {
    "bank_regulator_forwarded": "regulator_forwarded",
    "is_mass_complaint": "is_mass",
}
PAUSE_REASONS = {"bank_testing": "testing", "bank_evaluation": "evaluation"}


def migrate(cr, version):
    if not version:
        return
    _move_review_table(cr)
    _move_review_references(cr)
    _carry_complaint_flags(cr)
    _carry_approval_level(cr)
    for old, new in PAUSE_REASONS.items():
        cr.execute(
            "UPDATE complaint_sla_pause SET reason = %s WHERE reason = %s", (new, old)
        )


def _move_review_table(cr):
    if not table_exists(cr, OLD_TABLE):
        return
    if table_exists(cr, NEW_TABLE):
        cr.execute(f"SELECT count(*) FROM {NEW_TABLE}")
        if cr.fetchone()[0]:
            raise RuntimeError(
                "complaint_review already holds rows: upgrade complaint_banking "
                "before any other module creates reviews"
            )
        cr.execute(f"DROP TABLE {NEW_TABLE} CASCADE")
    cr.execute(f"ALTER TABLE {OLD_TABLE} RENAME TO {NEW_TABLE}")
    cr.execute(
        f"ALTER SEQUENCE IF EXISTS {OLD_TABLE}_id_seq RENAME TO {NEW_TABLE}_id_seq"
    )
    for old, new in RENAMED_COLUMNS.items():
        if column_exists(cr, NEW_TABLE, old) and not column_exists(cr, NEW_TABLE, new):
            cr.execute(f'ALTER TABLE {NEW_TABLE} RENAME COLUMN "{old}" TO "{new}"')
    _logger.info("complaint.bank.review rows moved to complaint.review")


def _model_id(cr, model):
    cr.execute("SELECT id FROM ir_model WHERE model = %s", (model,))
    row = cr.fetchone()
    return row and row[0]


def _move_review_references(cr):
    """Chatter, activities, followers, attachments, tracking and external
    ids of the old model point to the new one; its ir.model row goes."""
    old_id, new_id = _model_id(cr, OLD_MODEL), _model_id(cr, NEW_MODEL)
    if not old_id:
        return
    for table, column in (
        ("mail_message", "model"),
        ("mail_followers", "res_model"),
        ("mail_activity", "res_model"),
        ("ir_attachment", "res_model"),
        ("ir_model_data", "model"),
        ("ir_model_fields", "relation"),
    ):
        cr.execute(
            f"UPDATE {table} SET {column} = %s WHERE {column} = %s",
            (NEW_MODEL, OLD_MODEL),
        )
    if new_id:
        cr.execute(
            "UPDATE mail_activity SET res_model_id = %s WHERE res_model_id = %s",
            (new_id, old_id),
        )
        _move_fields(cr, old_id, new_id)
    _drop_old_model(cr, old_id)


def _move_fields(cr, old_id, new_id):
    """Tracking values follow the field of the same (renamed) name; the
    fields complaint_base does not define move to the new model."""
    names = dict(RENAMED_COLUMNS)
    cr.execute("SELECT id, name FROM ir_model_fields WHERE model_id = %s", (old_id,))
    for field_id, name in cr.fetchall():
        new_name = names.get(name, name)
        cr.execute(
            "SELECT id FROM ir_model_fields WHERE model_id = %s AND name = %s",
            (new_id, new_name),
        )
        row = cr.fetchone()
        if row:
            cr.execute(
                "UPDATE mail_tracking_value SET field_id = %s WHERE field_id = %s",
                (row[0], field_id),
            )
            continue
        cr.execute(
            "UPDATE ir_model_fields SET model_id = %s, model = %s, name = %s "
            "WHERE id = %s",
            (new_id, NEW_MODEL, new_name, field_id),
        )
        cr.execute(
            "UPDATE ir_model_data SET name = %s WHERE model = 'ir.model.fields' "
            "AND res_id = %s",
            (f"field_complaint_review__{new_name}", field_id),
        )


def _drop_old_model(cr, old_id):
    """The old model's remaining fields, access rights, rules and their
    external ids go; its views are rewritten by the module's data."""
    cr.execute(
        "DELETE FROM ir_model_data WHERE model = 'ir.model.inherit' AND res_id IN "
        "(SELECT id FROM ir_model_inherit WHERE model_id = %s OR parent_id = %s)",
        (old_id, old_id),
    )
    cr.execute(
        "DELETE FROM ir_model_data WHERE model = 'ir.model.fields.selection' "
        "AND res_id IN (SELECT s.id FROM ir_model_fields_selection s "
        "JOIN ir_model_fields f ON f.id = s.field_id WHERE f.model_id = %s)",
        (old_id,),
    )
    cr.execute("DELETE FROM ir_model_constraint WHERE model = %s", (old_id,))
    cr.execute("DELETE FROM ir_model_relation WHERE model = %s", (old_id,))
    for table, model in (
        ("ir_model_fields", "ir.model.fields"),
        ("ir_model_access", "ir.model.access"),
        ("ir_rule", "ir.rule"),
    ):
        cr.execute(
            f"DELETE FROM ir_model_data WHERE model = %s AND res_id IN "
            f"(SELECT id FROM {table} WHERE model_id = %s)",
            (model, old_id),
        )
        cr.execute(f"DELETE FROM {table} WHERE model_id = %s", (old_id,))
    cr.execute(
        "DELETE FROM ir_model_data WHERE model = 'ir.model' AND res_id = %s", (old_id,)
    )
    cr.execute("DELETE FROM ir_model WHERE id = %s", (old_id,))


def _carry_complaint_flags(cr):
    for old, new in COMPLAINT_FLAGS.items():
        if not (
            column_exists(cr, "complaint_complaint", old)
            and column_exists(cr, "complaint_complaint", new)
        ):
            continue
        cr.execute(
            f"UPDATE complaint_complaint SET {new} = TRUE "
            f"WHERE {old} AND NOT COALESCE({new}, FALSE)"
        )
        # the history of the old flag becomes the shared flag's
        cr.execute(
            "UPDATE mail_tracking_value SET field_id = n.id "
            "FROM ir_model_fields o, ir_model_fields n "
            "WHERE mail_tracking_value.field_id = o.id "
            "AND o.model = 'complaint.complaint' AND o.name = %s "
            "AND n.model = 'complaint.complaint' AND n.name = %s",
            (old, new),
        )


def _carry_approval_level(cr):
    if column_exists(cr, "complaint_extension", "bank_approval_level") and (
        column_exists(cr, "complaint_extension", "approval_level")
    ):
        cr.execute(
            "UPDATE complaint_extension SET approval_level = bank_approval_level "
            "WHERE bank_approval_level IS NOT NULL AND approval_level IS NULL"
        )
