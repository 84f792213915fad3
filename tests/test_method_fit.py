"""The one rule for whether a werkvorm fits a session: sure, maybe (a figure unknown), no."""

import pytest

from wiki.kinds.method import Fit, fit, matches

KNOWN = {"duration": {"min": 60, "max": 90}, "group_size": {"min": None, "max": 25}}
UNKNOWN = {"duration": {"min": None, "max": None}, "group_size": {"min": None, "max": None}}
OPEN_DURATION = {"duration": {"min": None, "max": None}, "group_size": {"min": 12, "max": 50}}


@pytest.mark.parametrize(
    ("fields", "asked", "expected"),
    [
        (KNOWN, {"minutes": 60, "people": 20}, Fit.FITS),
        (KNOWN, {"minutes": 45}, Fit.NO),  # the shortest is 60 minutes
        (KNOWN, {"people": 30}, Fit.NO),  # at most 25
        (UNKNOWN, {"minutes": 60, "people": 20}, Fit.MAYBE),
        ({}, {"minutes": 60}, Fit.MAYBE),  # no fields at all
        (UNKNOWN, {}, Fit.FITS),  # nothing asked, nothing unsure
        (OPEN_DURATION, {"people": 8}, Fit.NO),
        (OPEN_DURATION, {"people": 20}, Fit.FITS),
        (OPEN_DURATION, {"minutes": 60, "people": 20}, Fit.MAYBE),
        # A known figure that does not fit wins over an unknown one.
        (OPEN_DURATION, {"minutes": 60, "people": 8}, Fit.NO),
        ({**UNKNOWN, "levels": ["beginner"]}, {"minutes": 60, "level": "advanced"}, Fit.NO),
        ({**UNKNOWN, "settings": ["physical"]}, {"people": 9, "setting": "physical"}, Fit.MAYBE),
    ],
)
def test_fit_tells_sure_maybe_or_no(fields, asked, expected):
    assert fit(fields, **asked) is expected
    assert matches(fields, **asked) is (expected is Fit.FITS)
