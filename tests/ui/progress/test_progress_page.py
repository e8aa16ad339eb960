"""The Progress page draws what was done: one bar per session with sets of the exercise."""

from datetime import date, datetime, timedelta

from bandtracker.domain.progression import Rung
from bandtracker.state import AppState
from bandtracker.store import progression, sessions
from bandtracker.store.settings import load_settings
from bandtracker.ui.progress.page import ProgressPage
from tests.conftest import TZ
from tests.ui.calendar.helpers import shown

TODAY = date(2026, 11, 24)


def do_session(day: date, only: set[str] | None = None, boxes: int | None = None) -> None:
    at = datetime.combine(day, datetime.min.time(), TZ).replace(hour=18)
    for planned in sessions.load_day(day).plan:
        if only is None or planned.exercise.slug in only:
            for key in planned.slots()[:boxes]:
                sessions.tick(day, key, at)


def open_progress(qtbot, state: AppState) -> ProgressPage:
    return shown(qtbot, ProgressPage(state), (1000, 640))


def test_the_page_draws_each_session_done_and_lists_the_steps_up(qtbot, db, clock):
    for back in (20, 18, 16):
        do_session(TODAY - timedelta(days=back), only={"side-step"})
    progression.accept("side-step", Rung("yellow", 3), TODAY, load_settings())
    do_session(TODAY - timedelta(days=1), only={"side-step"})
    page = open_progress(qtbot, AppState(clock))
    page.show_exercise("side-step")
    assert len(page.chart.bar_rects()) == 4
    heights = [r.height() for r in page.chart.bar_rects()]
    assert heights[3] > heights[2] == heights[0]
    assert [p.reps for p in page.chart.points] == [10, 10, 10, 10]
    assert "3 sets of 10 with the yellow band" in page.steps_label.text()
    assert "Now: 3 \N{MULTIPLICATION SIGN} 10 steps, each side with the yellow band" in (
        page.summary.text()
    )
    assert not page.chart.grab().isNull()


def test_sessions_without_the_exercise_draw_nothing(qtbot, db, clock):
    """Bug 4: no pale full-height bars for an exercise that was not done."""
    for back in (6, 4, 2):
        do_session(TODAY - timedelta(days=back), only={"side-step"})
    do_session(TODAY - timedelta(days=1), only={"clam-shell"}, boxes=2)  # set 1, both sides
    page = open_progress(qtbot, AppState(clock))
    page.show_exercise("clam-shell")
    assert [(p.day, p.sets, p.complete) for p in page.chart.points] == [
        (TODAY - timedelta(days=1), 1, False)
    ]
    [bar] = page.chart.bar_rects()
    page.show_exercise("side-step")
    full = page.chart.bar_rects()[0]
    assert bar.height() == full.height() / 2  # one set done of the two: half as tall
    assert "3 sessions since" in page.summary.text()


def test_a_tick_while_the_page_is_hidden_is_read_when_shown(qtbot, db, clock):
    state = AppState(clock)
    page = open_progress(qtbot, state)
    page.show_exercise("forward-walk")
    assert page.chart.points == ()
    page.hide()
    state.set_done(state.today.slots()[0], True)
    assert page.stale and page.chart.points == ()
    page.show()
    assert [p.sets for p in page.chart.points] == [1]
