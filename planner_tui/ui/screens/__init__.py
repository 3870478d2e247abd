"""The app's full screens, one class each: the plan (the main screen), the daily
check-in, its history, and the strategy review. Each asks the session for
changes and tells its widgets what to show."""
