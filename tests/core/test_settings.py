"""Settings: defaults, a theme remembered across restarts, broken files that never
stop the app, and the person's own comments kept when the theme is saved.
"""

from __future__ import annotations

import pendulum
import pytest

from planner_tui.core.dates import parse_when
from planner_tui.core.settings import (DEFAULT_THEME, Settings, choose_theme, load_settings,
                                       remember_theme, render_settings, save_settings, settings_path)


@pytest.fixture
def path(tmp_path):
    return tmp_path / "config" / "planner-tui" / "settings.toml"


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_is_in_the_platform_config_folder(tmp_path):
    # conftest points XDG_CONFIG_HOME at tmp_path / "config".
    assert settings_path() == tmp_path / "config" / "planner-tui" / "settings.toml"


def test_defaults_without_a_file(path):
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert (loaded.problem, loaded.path) == (None, path)
    assert Settings() == Settings(theme=DEFAULT_THEME, week_start="monday", soon_days=7,
                                  default_review_every=None)
    assert load_settings().settings == Settings()  # the default path, also missing


def test_every_key_is_read(path):
    write(path, 'theme = "nord"\nweek_start = "Sunday"\nsoon_days = 3\ndefault_review_every = 14\n')
    loaded = load_settings(path)
    assert loaded.problem is None
    assert loaded.settings == Settings("nord", "sunday", 3, 14)
    assert loaded.settings.week_start_day == pendulum.SUNDAY


@pytest.mark.parametrize("typed, day", [("mon", pendulum.MONDAY), ("SAT", pendulum.SATURDAY),
                                        ("thursday", pendulum.THURSDAY)])
def test_week_start_takes_short_names(path, typed, day):
    write(path, f'week_start = "{typed}"\n')
    assert load_settings(path).settings.week_start_day == day


def test_week_start_moves_the_end_of_the_week(path):
    now = pendulum.datetime(2026, 11, 28, 10, 30)  # a Saturday
    write(path, 'week_start = "sunday"\n')
    sunday_weeks = load_settings(path).settings
    assert parse_when("eow", now, Settings().week_start_day) == pendulum.Date(2026, 11, 29)
    assert parse_when("eow", now, sunday_weeks.week_start_day) == pendulum.Date(2026, 11, 28)


def test_a_theme_chosen_is_remembered_across_restarts(path):
    assert remember_theme("nord", path) is None
    assert load_settings(path).settings.theme == "nord"  # the next start reads it
    assert remember_theme("gruvbox", path) is None
    assert load_settings(path).settings.theme == "gruvbox"


def test_remembering_the_theme_keeps_comments_and_other_keys(path):
    original = '# my settings\nsoon_days = 3 # three is enough\ntheme = "nord"  \n\n# end\n'
    write(path, original)
    assert remember_theme("dracula", path) is None
    assert path.read_text() == original.replace('theme = "nord"  ', 'theme = "dracula"')
    assert load_settings(path).settings == Settings(theme="dracula", soon_days=3)


def test_remembering_the_theme_adds_the_line_when_missing(path):
    write(path, "soon_days = 3\n[later]\nx = 1\n")
    assert remember_theme("nord", path) is None
    text = path.read_text()
    assert text.index('theme = "nord"') < text.index("[later]")  # a top-level key, not in the table
    assert load_settings(path).settings == Settings(theme="nord", soon_days=3)


def test_a_multi_line_theme_value_is_rewritten_whole(path):
    write(path, 'theme = """\nnord"""\nsoon_days = 4\n')
    assert remember_theme("dracula", path) is None
    assert load_settings(path).settings == Settings(theme="dracula", soon_days=4)


def test_a_broken_file_gives_defaults_and_names_the_file_and_line(path):
    write(path, 'theme = "nord"\nsoon_days = \n')
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert str(path) in loaded.problem and "line 2" in loaded.problem
    assert "default settings" in loaded.problem


def test_a_broken_file_is_not_overwritten_by_the_theme(path):
    broken = 'theme = "nord\n'
    write(path, broken)
    message = remember_theme("dracula", path)
    assert message is not None and str(path) in message and "not saved" in message
    assert path.read_text() == broken


@pytest.mark.parametrize("line, says", [
    ('soon_days = "seven"', "soon_days must be a whole number of days from 1 to 365, not 'seven'; using 7"),
    ("soon_days = 0", "soon_days must be a whole number"),
    ("soon_days = true", "soon_days must be a whole number"),
    ('week_start = "someday"', "week_start must be a day"),
    ('week_start = "t"', "week_start must be a day"),
    ("default_review_every = 9999", "default_review_every must be a whole number of days from 1 to 3650"),
    ("theme = 3", "theme must be a theme name"),
    ("colour = 1", "unknown setting 'colour'"),
])
def test_a_bad_value_keeps_its_default_and_says_where(path, line, says):
    other, kept = ('week_start = "friday"', Settings(week_start="friday")) if line.startswith("soon") else (
        "soon_days = 5", Settings(soon_days=5))
    write(path, f"{other}\n# a comment\n{line}\n")
    loaded = load_settings(path)
    assert says in loaded.problem
    assert f"{path}, line 3: " in loaded.problem
    assert loaded.settings == kept  # the good key is used, the bad one keeps its default


def test_zero_days_means_no_default_cadence(path):
    write(path, "default_review_every = 0\n")
    assert load_settings(path).settings.default_review_every is None


@pytest.mark.parametrize("make", ["folder", "binary"])
def test_an_unreadable_file_gives_defaults(path, make):
    path.parent.mkdir(parents=True)
    if make == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"theme = \"\xff\"\n")
    loaded = load_settings(path)
    assert loaded.settings == Settings() and str(path) in loaded.problem


def test_save_and_load_round_trip(path):
    settings = Settings(theme='odd "name" \\ ünïcode', week_start="sunday", soon_days=10,
                        default_review_every=21)
    assert save_settings(settings, path) is None
    assert load_settings(path).settings == settings
    assert save_settings(Settings(), path) is None
    assert load_settings(path).settings == Settings()


def test_the_written_file_explains_every_key():
    text = render_settings(Settings())
    for key in ("theme", "week_start", "soon_days", "default_review_every"):
        assert f"\n# {key}" in text or f"\n{key} = " in text
    assert "# default_review_every = 14" in text  # none: shown commented out


def test_a_save_that_cannot_be_written_says_why(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    message = save_settings(Settings(), blocker / "settings.toml")
    assert message is not None and "Could not save the settings file" in message
    assert remember_theme("nord", blocker / "settings.toml") is not None


def test_choose_theme():
    available = ["textual-dark", "textual-light", "nord"]
    assert choose_theme("nord", available) == ("nord", None)
    theme, problem = choose_theme("no-such", available)
    assert theme == "textual-dark" and "no-such" in problem
    assert choose_theme("no-such", ["solar"])[0] == "solar"


def test_a_caldav_table_with_a_password_is_refused_whole(tmp_path):
    from planner_tui.core.settings import load_settings

    path = tmp_path / "settings.toml"
    path.write_text('soon_days = 3\n\n[caldav]\nurl = "https://dav.example.com/"\nuser = "me"\npassword = "hunter2"\n')
    loaded = load_settings(path)
    assert loaded.settings.caldav is None and loaded.settings.soon_days == 3
    assert "line 3: caldav must not hold a password" in loaded.problem
    assert "password_cmd" in loaded.problem and "hunter2" not in loaded.problem


def test_a_caldav_table_is_read_and_written_back(tmp_path):
    from planner_tui.core.settings import CalDavSettings, Settings, load_settings, render_settings, save_settings

    path = tmp_path / "settings.toml"
    assert "# [caldav]" in render_settings(Settings())  # --init shows it, commented out
    wanted = CalDavSettings("https://dav.example.com/", "me", "Work", "pass show caldav", False, 20.0)
    save_settings(Settings(caldav=wanted), path)
    assert load_settings(path).settings.caldav == wanted


def test_a_caldav_table_needs_a_password_source(tmp_path):
    from planner_tui.core.settings import load_settings

    path = tmp_path / "settings.toml"
    path.write_text('[caldav]\nurl = "https://dav.example.com/"\nuser = "me"\n')
    assert "needs password_cmd" in load_settings(path).problem


def test_the_everyday_keys_are_read(path):
    write(path, 'owner = "@Ana"\nday_starts_at = "4:30"\nrest_days = ["Sun", "sat", "sunday"]\n'
                'digest_at = false\nnudge_at = 21:15:00\n[views.mine]\nowner = "me"\nstatus = ["open"]\n'
                '[keys]\ndone = "d"\ndeadline = "t"\n')
    loaded = load_settings(path)
    assert loaded.problem is None
    settings = loaded.settings
    assert (settings.owner, settings.day_starts_at, settings.rest_days) == ("ana", "04:30", ("saturday", "sunday"))
    assert (settings.digest_at, settings.nudge_at) == (None, "21:15")
    assert settings.rest_weekdays == {pendulum.SATURDAY, pendulum.SUNDAY}
    assert settings.day_start.hour == 4 and settings.day_start.minute == 30
    assert dict(settings.views)["mine"].owner == "me" and dict(settings.keys) == {"done": "d", "deadline": "t"}


@pytest.mark.parametrize("line, problem", [
    ('owner = "a b"', 'owner must be a short name'),
    ('day_starts_at = "25:00"', 'day_starts_at must be a time of day such as "04:00"'),
    ('rest_days = "sat"', 'rest_days must be a list of days'),
    ('rest_days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]', "rest_days leaves no day to check in on"),
    ('nudge_at = 8', 'nudge_at must be a time of day'),
])
def test_a_bad_everyday_value_keeps_its_default_and_says_where(path, line, problem):
    write(path, f"soon_days = 3\n{line}\n")
    loaded = load_settings(path)
    assert loaded.settings == Settings(soon_days=3)
    assert f"line 2: {problem}" in loaded.problem


def test_views_and_keys_survive_a_save(path):
    write(path, '[views.launch]\ntags = ["launch"]\ndeep = true\nstrategy = "s2"\n[keys]\nsearch = ["/", "ctrl+k"]\n')
    settings = load_settings(path).settings._replace(rest_days=("sunday",), owner="ana")
    assert save_settings(settings, path) is None
    assert load_settings(path).settings == settings
