"""The CalDAV server, through the `caldav` library: list, read, write, delete to-dos.

Every write is conditional, so a sync never overwrites what it has not seen:
an update carries ``If-Match`` with the ETag the sync read, a new to-do
``If-None-Match: *``, a delete ``If-Match``. Whatever goes wrong (the server
unreachable or too slow, a password refused, a to-do changed meanwhile:
412) is a `SyncError` that says what happened in words; the caller stops
there, and the next sync resumes.

Listing uses the collection's sync token (RFC 6578) when the server has one,
so a sync with nothing changed costs one small request; the library falls
back to a full listing where the server has none, or forgot the token.
"""

from __future__ import annotations

from typing import Any, Iterable, NamedTuple

from planner_tui.core.errors import SaveError

CONTENT_TYPE = {"Content-Type": "text/calendar; charset=utf-8"}


class SyncError(SaveError):
    """A sync that stopped: the message says what happened (run.py adds what became of the plan)."""


class AuthRefused(SyncError):
    """The server refused the user name or password (401/403)."""


class Listing(NamedTuple):
    """The server's to-dos by href (canonical URL): their ETags, the ones gone, and
    whether this is every to-do (a first or full listing) or only the changes."""

    etags: dict[str, str | None]
    deleted: set[str]
    full: bool
    token: str | None


class Fetched(NamedTuple):
    href: str
    etag: str | None
    data: bytes


class Server:
    """One task list on one CalDAV server (``calendar_url``: where the last sync found it)."""

    def __init__(self, url: str, user: str, password: str, list_name: str, timeout: float,
                 calendar_url: str | None = None):
        import caldav

        self.url, self.user, self.list_name = url, user, list_name
        self.client = caldav.DAVClient(url=url, username=user, password=password, timeout=timeout)
        self.calendar = self._calendar(calendar_url) if calendar_url else None

    def _calendar(self, url: str) -> Any:
        return self.client.calendar(url=url)

    def open_list(self, create: bool = True) -> str | None:
        """Find the task list by name, made when missing (None when it is missing and
        not to be made: a dry run); its URL."""
        from caldav.lib import error

        if self.calendar is None:
            with told(self, "finding the task list"):
                principal = self.client.principal()
                try:
                    self.calendar = principal.calendar(name=self.list_name)
                except error.NotFoundError:
                    if not create:
                        return None
                    self.calendar = principal.make_calendar(name=self.list_name,
                                                            supported_calendar_component_set=["VTODO"])
        return canonical(self.calendar.url)

    def listing(self, token: str | None) -> Listing:
        """What changed since ``token`` (everything, without one)."""
        with told(self, "listing the to-dos"):
            found = self.calendar.get_objects_by_sync_token(sync_token=token, load_objects=False)
        new_token = found.sync_token if isinstance(found.sync_token, str) else None
        full = token is None or (new_token or "").startswith("fake-")
        etags = {canonical(obj.url): _etag(obj) for obj in found}
        deleted = {canonical(url) for url in getattr(found, "deleted_urls", ()) or ()}
        for href in deleted:
            etags.pop(href, None)
        return Listing(etags, deleted, full, None if (new_token or "").startswith("fake-") else new_token)

    def fetch(self, hrefs: Iterable[str]) -> list[Fetched]:
        """The data of these to-dos, in one request; one gone meanwhile is left out."""
        from caldav.lib.url import URL

        hrefs = list(hrefs)
        if not hrefs:
            return []
        with told(self, "reading the to-dos"):
            found = self.calendar.multiget([URL.objectify(href) for href in hrefs])
        return [Fetched(canonical(obj.url), _etag(obj), _bytes(obj.data)) for obj in found if obj.data]

    def put(self, href: str | None, uid: str, data: bytes, etag: str | None) -> tuple[str, str | None]:
        """Write a to-do: a new one (``href`` None) only if none is there, else only if
        it is still at ``etag``. Its href and new ETag (None when the server did not say)."""
        from caldav.calendarobjectresource import _quote_uid

        target = href or canonical(self.calendar.url.join(_quote_uid(uid) + ".ics"))
        condition = {"If-Match": etag} if href and etag else {"If-None-Match": "*"} if not href else {}
        with told(self, f"writing {uid}"):
            response = self.client.put(target, data, {**CONTENT_TYPE, **condition})
        self._check(response, uid, "written")
        return target, response.headers.get("ETag")

    def delete(self, href: str, uid: str, etag: str | None) -> None:
        """Delete a to-do only if it is still at ``etag``; one already gone is fine."""
        with told(self, f"deleting {uid}"):
            response = self.client.delete(href, {"If-Match": etag} if etag else {})
        if response.status != 404:
            self._check(response, uid, "deleted")

    def _check(self, response: Any, uid: str, done: str) -> None:
        if response.status == 412:
            raise SyncError(f"The server's copy of {uid} changed during the sync, so it was not {done}.")
        if response.status >= 400:
            raise SyncError(f"The server refused: {uid} was not {done} (HTTP {response.status} "
                            f"{response.reason or ''}).".replace(" )", ")"))


class told:
    """Turn the library's and the network's errors into `SyncError`s that say what happened."""

    def __init__(self, server: Server, doing: str):
        self.server, self.doing = server, doing

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: Any, error: BaseException | None, _trace: Any) -> bool:
        if error is None or isinstance(error, SyncError):
            return False
        message = _explain(self.server, self.doing, error)
        if message is None:
            return False
        raise (AuthRefused if _is_auth(error) else SyncError)(message) from None


def _explain(server: Server, doing: str, error: BaseException) -> str | None:
    from caldav.lib import error as dav

    where = f"{server.url} (user {server.user})"
    if _is_auth(error):
        return (f"The server {where} refused the user name or password. Check `user` and the "
                "password command in the [caldav] settings.")
    if isinstance(error, OSError) or type(error).__name__.endswith("Timeout"):
        return f"Could not reach {where} while {doing}: {_reason(error)}."
    if isinstance(error, dav.DAVError):
        return f"The server {where} answered with an error while {doing}: {_reason(error)}."
    return None


def _is_auth(error: BaseException) -> bool:
    from caldav.lib import error as dav

    return isinstance(error, dav.AuthorizationError)


def _reason(error: BaseException) -> str:
    """The innermost cause in a few words (a connection refused, a timeout), not a traceback."""
    text = str(error) or type(error).__name__
    for marker in ("Connection refused", "timed out", "Name or service not known", "Connection reset",
                   "Remote end closed", "Connection aborted"):
        if marker.lower() in text.lower():
            return marker.lower()
    return text if len(text) <= 200 else text[:199] + "…"


def canonical(url: Any) -> str:
    """One spelling of a to-do's URL (`@` and `%40` alike), to match listings with the state."""
    from caldav.lib.url import URL

    return str(URL.objectify(url).canonical())


def _etag(obj: Any) -> str | None:
    return getattr(obj, "props", {}).get("{DAV:}getetag")


def _bytes(data: Any) -> bytes:
    return data if isinstance(data, bytes) else str(data).encode()

