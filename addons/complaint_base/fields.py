"""Field classes of the complaint addons."""

from odoo import fields

#: key of the memo of ``SanitizedOnceHtml`` in the cursor's transaction
#: cache (``cr.cache``), present while a model's ``_create`` runs
SANITIZED_ONCE = "complaint_sanitized_once"


class SanitizedOnceHtml(fields.Html):
    """An HTML field whose new values are sanitized once, not twice.

    Odoo's ``_create`` sanitizes each HTML value twice: once for the column
    (``convert_to_column_insert``) and once more, from the same value
    object, for the record cache (``convert_to_cache``).  The sanitizer
    parses and serializes the document: for a complaint's description,
    about a thirtieth of a batch registration (issue 14).

    While the model's ``_create`` runs, it keeps a memo in ``cr.cache``
    (see ``complaint.complaint._create``): the field answers a value object
    it has already sanitized in that call from the memo.  The sanitizer's
    result depends only on the value and the field's options, so the answer
    is the one the second sanitation would give.  The memo holds each value
    it answers for, so an object's identity cannot be reused while the memo
    lives, and it ends with the ``_create`` call.  A field whose sanitation
    a group may bypass (``sanitize_overridable``) is sanitized every time.
    """

    def _convert(self, value, record, validate):
        memo = record.env.cr.cache.get(SANITIZED_ONCE)
        if (
            memo is None
            or value is None
            or not (validate and self.sanitize)
            or self.sanitize_overridable
        ):
            return super()._convert(value, record, validate)
        key = (self.name, id(value))
        known = memo.get(key)
        if known is not None and known[0] is value:
            return known[1]
        result = super()._convert(value, record, validate)
        memo[key] = (value, result)
        return result
