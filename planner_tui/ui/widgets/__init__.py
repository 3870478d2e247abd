"""Widgets take plain data from their screen and post messages up; they never
write the plan file, and compute no rule of the plan (that is core/)."""
