"""Personal-information rules of a complaint (BASE-53/55, PIPL): the
legal bases, the masked fields, the export, the states after which a
complaint may be archived and destroyed, and the fields still written on a
locked complaint.  Shared by the complaint model and the privacy flows
(destruction, data requests, the masking guard)."""

from . import masking

#: PIPL art. 13: the legal bases for processing personal information
LEGAL_BASES = [
    ("consent", "Consent of the complainant"),
    ("contract", "Performance of a contract with the complainant"),
    ("legal_obligation", "Legal duty (complaint handling required by law)"),
    ("vital_interest", "Public health emergency or protection of life"),
    ("public_interest", "News reporting or public opinion in the public interest"),
    ("published", "Information already lawfully made public"),
    ("other_law", "Other circumstances provided by law"),
]
#: fields masked for users who do not handle the case (BASE-55)
MASKED_FIELDS = {
    "phone": masking.mask_phone,
    "id_number": masking.mask_id_number,
}
#: complaint fields given to the complainant on an export request
EXPORT_FIELDS = (
    "name",
    "received_at",
    "subject",
    "contact_name",
    "phone",
    "email",
    "id_number",
    "legal_basis",
    "state",
    "demand",
    "description",
    "resolution",
    "reply_at",
    "resolution_deadline",
    "satisfaction",
    "followup_comment",
)
#: states after which a complaint may be archived and destroyed
FINISHED_STATES = ("closed", "invalid")
#: fields still written on a locked complaint (archiving, technical fields)
LOCK_WRITABLE_FIELDS = frozenset(
    {
        "active",
        "archived_at",
        "pi_locked",
        "pi_locked_at",
        "message_main_attachment_id",
        "message_follower_ids",
        "activity_ids",
        "sla_next_check",
    }
)
#: context key of the privacy flows allowed to change a locked complaint
MAINTENANCE_CTX = "complaint_pi_maintenance"

#: BASE-55: the complaint fields that decide who sees the complainant's
#: identifiers (``_pi_visible_domain``): a user changing them directly may
#: not give that sight to themselves
PI_GRANTING_FIELDS = frozenset(
    {
        "user_id",
        "accountable_user_id",
        "team_id",
        "plan_owner_id",
        "investigation_user_ids",
        "reviewer_id",
    }
)
