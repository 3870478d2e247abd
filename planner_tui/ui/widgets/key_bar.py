"""The key bar: the screen's keys drawn as one line of Rich `Text`.

A drop-in replacement for `Footer(compact=True, show_command_palette=False)`.
Footer builds one `FooterKey` widget per key and rebuilds them all whenever the
screen's bindings change (focus moves between panes, undo becomes possible);
each rebuild restyles every key (~0.35 ms each: ~10 ms a pane switch, ~19 ms
at start-up). Here a change of bindings is turned into plain data (`Piece`s and
clickable `KeySpan`s), compared with the last one, and repainted only if it
differs. Clicks and hover map the mouse's x to a span. Descriptions are always
plain text, never markup.
"""

from __future__ import annotations

from itertools import groupby
from typing import Callable, Iterable, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding, Binding
from textual.screen import Screen
from textual.widget import Widget

DIM = Style(dim=True)


class Piece(NamedTuple):
    """A stretch of text on the bar: `part` is "key", "description" or "" (a gap)."""

    text: str
    part: str
    enabled: bool
    span: int | None
    """Index of the `KeySpan` it belongs to (hovered together), or None."""


class KeySpan(NamedTuple):
    """Cells `start` to `end` (exclusive) of the bar press `key` when clicked."""

    start: int
    end: int
    key: str
    enabled: bool
    tooltip: str


Shown = tuple[Binding, bool, str]
"""A binding to show, whether it is enabled, and its tooltip."""


class Layout:
    """Lays shown bindings out left to right, one space between entries."""

    def __init__(self, key_display: Callable[[Binding], str]) -> None:
        self.key_display = key_display
        self.pieces: list[Piece] = []
        self.spans: list[KeySpan] = []
        self.x = 0

    def put(self, text: str, part: str = "", enabled: bool = True, span: int | None = None) -> None:
        self.pieces.append(Piece(text, part, enabled, span))
        self.x += cell_len(text)

    def gap(self) -> None:
        if self.pieces:
            self.put(" ")

    def key(self, shown: Shown, description: str, tooltip: str) -> None:
        """`key description` (or the key alone), one clickable span."""
        binding, enabled, _ = shown
        start, index = self.x, len(self.spans)
        self.put(self.key_display(binding), "key", enabled, index)
        if description:
            self.put(" ", "", enabled, index)
            self.put(description, "description", enabled, index)
        self.spans.append(KeySpan(start, self.x, binding.key, enabled, tooltip))

    def single(self, shown: Shown) -> None:
        binding, _, tooltip = shown
        self.gap()
        self.key(shown, binding.description, tooltip or binding.description)

    def group(self, description: str, members: list[Shown]) -> None:
        """`p P push`: each key clickable on its own, then the group's description."""
        for shown in members:
            binding, _, tooltip = shown
            self.gap()
            self.key(shown, "", tooltip or binding.description)
        self.gap()
        self.put(description, "description")


def whole_entries(pieces: tuple[Piece, ...], width: int) -> int:
    """How many pieces fit in ``width`` cells without cutting an entry in two
    (a key and its words, or a group): a narrow terminal shows fewer keys, whole."""
    x, whole = 0, 0
    for index, piece in enumerate(pieces):
        if piece.part == "" and piece.span is None:  # a gap: what came before is whole
            whole = index
        x += cell_len(piece.text)
        if x > width:
            return whole
    return len(pieces)


def shown_bindings(active: Iterable[ActiveBinding]) -> list[Shown]:
    """The first shown binding of each action, in the screen's order (as Footer)."""
    by_action: dict[str, Shown] = {}
    for _node, binding, enabled, tooltip in active:
        if binding.show:
            by_action.setdefault(binding.action, (binding, enabled, tooltip))
    return list(by_action.values())


def lay_out(shown: list[Shown], key_display: Callable[[Binding], str]) -> Layout:
    """Runs of actions in the same `Binding.Group` share one description."""
    layout = Layout(key_display)
    for group, run in groupby(shown, lambda item: item[0].group):
        members = list(run)
        if group is not None and len(members) > 1:
            layout.group(group.description, members)
        else:
            for item in members:
                layout.single(item)
    return layout


class KeyBar(Widget):
    """The screen's keys on one line, docked at the bottom; click a key to press it."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.pieces: tuple[Piece, ...] = ()
        self.spans: tuple[KeySpan, ...] = ()
        self.hovered: int | None = None
        self.drawn = 0  # cells drawn at the last render: keys past them are not on screen

    def on_mount(self) -> None:
        """Wait for the screen's signal, as Footer does: at this point the screen's other
        widgets may not be mounted yet, and its `check_action` may look them up."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """Re-lay the keys; repaint only if the line differs (as Footer, not while the app is blurred)."""
        if not self.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        layout = lay_out(shown_bindings(screen.active_bindings.values()), self.app.get_key_display)
        pieces, spans = tuple(layout.pieces), tuple(layout.spans)
        if (pieces, spans) == (self.pieces, self.spans):
            return
        self.pieces, self.spans = pieces, spans
        self._set_hovered(None)
        self.refresh()

    def render(self) -> Text:
        """Styled here, not when laid out, so a change of theme recolours the bar."""
        styles = {
            "key": self.get_component_rich_style("key-bar--key"),
            "description": self.get_component_rich_style("key-bar--description"),
            "": Style(),
        }
        hover = Style(bgcolor=self.get_component_rich_style("key-bar--hover").bgcolor)
        line = Text(no_wrap=True, overflow="crop", end="")
        for piece in self.pieces[:whole_entries(self.pieces, self.size.width)]:
            style = styles[piece.part]
            if not piece.enabled:
                style += DIM
            if piece.span is not None and piece.span == self.hovered:
                style += hover
            line.append(piece.text, style)
        self.drawn = line.cell_len
        return line

    def span_at(self, event: events.MouseEvent) -> int | None:
        """Index of the key span under the mouse, or None (a gap, a group's label)."""
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        for index, span in enumerate(self.spans):
            if span.start <= offset.x < span.end <= self.drawn:
                return index
        return None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Press the key, as FooterKey does; a disabled key only rings the bell."""
        index = self.span_at(event)
        if index is None:
            return
        span = self.spans[index]
        if span.enabled:
            self.app.simulate_key(span.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hovered(self.span_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hovered(None)

    def _set_hovered(self, index: int | None) -> None:
        """Highlight the span under the mouse and make its tooltip the bar's."""
        if index == self.hovered:
            return
        self.hovered = index
        self.tooltip = None if index is None else self.spans[index].tooltip or None
        self.styles.pointer = "default" if index is None else "pointer"
        self.refresh()
