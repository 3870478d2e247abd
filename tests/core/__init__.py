"""A package, so that tests/core/test_checkin.py and tests/ui/test_checkin.py (and the two
test_review.py) can share a basename: pytest imports these as core.test_*."""
