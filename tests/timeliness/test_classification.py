"""The outcome rules and the on-time rate (pure functions)."""

from decimal import Decimal

from tests.factories.timeliness import local
from timeliness.choices import DossierStatus, Outcome
from timeliness.classification import dossier_outcome, on_time_rate, rate_display, report_column

DUE = local(2019, 2, 14, 17)  # Thursday 14/2/2019, office closing


def test_resolved_the_day_before_the_due_date_is_early():
    outcome = dossier_outcome(
        status=DossierStatus.RESOLVED, due_at=DUE, resolved_at=local(2019, 2, 13, 15), as_of=local(2019, 3, 1)
    )
    assert outcome == Outcome.EARLY


def test_resolved_on_the_due_date_before_closing_is_on_time():
    outcome = dossier_outcome(
        status=DossierStatus.RESOLVED, due_at=DUE, resolved_at=local(2019, 2, 14, 16), as_of=local(2019, 3, 1)
    )
    assert outcome == Outcome.ON_TIME


def test_resolved_after_the_due_time_is_late():
    outcome = dossier_outcome(
        status=DossierStatus.RESOLVED, due_at=DUE, resolved_at=local(2019, 2, 15, 9), as_of=local(2019, 3, 1)
    )
    assert outcome == Outcome.LATE


def test_not_yet_resolved_as_of_a_date_before_the_due_date_is_pending_within_limit():
    outcome = dossier_outcome(
        status=DossierStatus.RESOLVED, due_at=DUE, resolved_at=local(2019, 2, 15, 9), as_of=local(2019, 2, 13, 23)
    )
    assert outcome == Outcome.PENDING


def test_pending_after_the_due_time_is_overdue():
    outcome = dossier_outcome(status=DossierStatus.PENDING, due_at=DUE, resolved_at=None, as_of=local(2019, 2, 14, 18))
    assert outcome == Outcome.OVERDUE


def test_refused_is_reported_apart_even_when_after_the_due_date():
    outcome = dossier_outcome(
        status=DossierStatus.REFUSED, due_at=DUE, resolved_at=local(2019, 2, 20), as_of=local(2019, 3, 1)
    )
    assert outcome == Outcome.REFUSED


def test_withdrawn_is_reported_apart():
    outcome = dossier_outcome(
        status=DossierStatus.WITHDRAWN, due_at=DUE, resolved_at=local(2019, 2, 1), as_of=local(2019, 3, 1)
    )
    assert outcome == Outcome.WITHDRAWN


def test_without_a_due_date_the_outcome_is_undetermined():
    outcome = dossier_outcome(status=DossierStatus.PENDING, due_at=None, resolved_at=None, as_of=local(2019, 3, 1))
    assert outcome == Outcome.UNDETERMINED


def test_rate_is_on_time_over_on_time_plus_late_to_two_decimals():
    # 86 / (86 + 13) = 0.868686... → 86.87 %
    assert on_time_rate(on_time=86, late=13) == Decimal("86.87")


def test_rate_is_100_when_nothing_is_late():
    assert on_time_rate(on_time=5, late=0) == Decimal(100)


def test_rate_is_100_when_the_denominator_is_zero():
    assert on_time_rate(on_time=0, late=0) == Decimal(100)


def test_rate_is_0_when_everything_is_late():
    assert on_time_rate(on_time=0, late=4) == Decimal("0.00")


def test_rate_never_rounds_up_to_100_when_something_is_late():
    # 99,999 / 100,000 = 99.999 % would round to 100.00; one dossier was late, so 99.99 is shown.
    assert on_time_rate(on_time=99_999, late=1) == Decimal("99.99")


def test_rate_display_uses_a_decimal_comma():
    assert rate_display(Decimal("86.87")) == "86,87"


def test_rate_display_of_a_full_rate_is_100():
    assert rate_display(Decimal(100)) == "100"


# --- report_column: the SQL grouping (stored outcome, resolved by as_of, due before as_of) → report column ------


def test_a_closed_dossier_counts_in_its_stored_outcome():
    assert report_column(outcome=Outcome.LATE, closed=True, overdue=True) == "tre_han"


def test_a_closed_on_the_day_dossier_counts_apart_from_early_ones():
    assert report_column(outcome=Outcome.ON_TIME, closed=True, overdue=False) == "dung_han_trong_ngay"


def test_a_dossier_resolved_after_as_of_and_not_yet_due_is_within_the_limit():
    # Stored outcome late (resolved later), but as of the report date it was still open and not due.
    assert report_column(outcome=Outcome.LATE, closed=False, overdue=False) == "trong_han"


def test_a_never_resolved_dossier_past_its_due_time_is_overdue():
    assert report_column(outcome=Outcome.PENDING, closed=None, overdue=True) == "qua_han"


def test_an_open_dossier_without_a_due_date_is_undetermined():
    assert report_column(outcome=Outcome.UNDETERMINED, closed=None, overdue=None) == "chua_xac_dinh"


def test_a_closed_dossier_with_an_open_outcome_stored_is_undetermined():
    # A resolved row whose stored outcome is not a final one cannot be placed: counted as undetermined.
    assert report_column(outcome=Outcome.PENDING, closed=True, overdue=False) == "chua_xac_dinh"
