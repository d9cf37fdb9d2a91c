"""Time budgets for pure-Python work that hostile input could make slow.

`within(seconds, fn, *args)` runs `fn` in the calling thread and raises
`BudgetExceeded` once it has run `seconds`. Signals would only work in the
main thread (the API and the watcher extract in worker threads), so one
watchdog thread raises the expiry asynchronously in the thread that overran
(`PyThreadState_SetAsyncExc`); Python code is interrupted at its next
bytecode, a C call when it returns. The expiry derives from BaseException so
an `except Exception` inside `fn` cannot swallow it. Cost per call: one lock
and a dict entry; the watchdog wakes at most every 50 ms and only while
budgets are open.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
import time
from collections.abc import Callable
from typing import TypeVar

__all__ = ["BudgetExceeded", "within"]

T = TypeVar("T")
_TICK = 0.05


class BudgetExceeded(Exception):
    """Work that ran past its time budget (and was stopped)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"took longer than the {seconds:g} s budget")


class _Expired(BaseException):
    """Raised inside the overrunning thread; turned into BudgetExceeded by `within`."""


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule `exc` in a thread (None clears a scheduled one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else ctypes.c_void_p(0)
    )


class _Watchdog:
    """One daemon thread that expires the open budgets of every thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._open: dict[int, tuple[float, int]] = {}  # token -> (deadline, thread id)
        self._fired: set[int] = set()
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None

    def open(self, seconds: float) -> int:
        with self._lock:
            token = next(self._tokens)
            self._open[token] = (time.monotonic() + seconds, threading.get_ident())
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="trucewatch-budget", daemon=True)
                self._thread.start()
            self._wake.notify()
            return token

    def close(self, token: int) -> None:
        """Forget a budget; an expiry scheduled but not yet delivered is cancelled."""
        with self._lock:
            self._open.pop(token, None)
            if token in self._fired:
                self._fired.discard(token)
                _raise_in(threading.get_ident(), None)

    def _run(self) -> None:
        with self._lock:
            while True:
                if not self._open:
                    self._wake.wait()
                    continue
                now = time.monotonic()
                for token, (deadline, thread_id) in list(self._open.items()):
                    if deadline <= now:
                        del self._open[token]
                        self._fired.add(token)
                        _raise_in(thread_id, _Expired)
                self._wake.wait(_TICK)


_WATCHDOG = _Watchdog()


def within(seconds: float | None, fn: Callable[..., T], *args: object) -> T:
    """`fn(*args)`, stopped with BudgetExceeded after `seconds` (None: no budget)."""
    if seconds is None:
        return fn(*args)
    token = _WATCHDOG.open(seconds)
    try:
        try:
            return fn(*args)
        finally:
            _WATCHDOG.close(token)
    except _Expired:
        raise BudgetExceeded(seconds) from None
