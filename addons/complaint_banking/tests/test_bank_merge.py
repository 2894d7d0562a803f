"""BANK-01b with the base merge (BASE-15): a repeat on the same matter
shares the original's clock, one with new facts restarts it."""

from odoo.tests import tagged

from .common import RECEIVED, BankCase, local


@tagged("post_install", "-at_install")
class TestBankMerge(BankCase):
    def _pair(self, new_facts):
        original = self._complaint()
        repeat = self._complaint(
            received=local(2026, 9, 25, 10, 0), bank_new_facts=new_facts
        )
        return original, repeat

    def test_bank_01b_merged_repeat_same_matter_keeps_the_clock(self):
        original, repeat = self._pair(new_facts=False)
        before = original.resolution_deadline
        repeat.with_user(self.handler).action_merge_into(original.id)
        self.assertEqual(repeat.state, "merged")
        self.assertEqual(original.resolution_deadline, before)
        self.assertEqual(original._bank_clock_start(), RECEIVED)

    def test_bank_01b_merged_repeat_with_new_facts_restarts_the_clock(self):
        original, repeat = self._pair(new_facts=True)
        before = original.resolution_deadline
        repeat.with_user(self.handler).action_merge_into(original.id)
        self.assertEqual(original._bank_clock_start(), repeat.received_at)
        self.assertGreater(original.resolution_deadline, before)
