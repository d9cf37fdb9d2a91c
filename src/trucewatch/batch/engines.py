"""Engines: where partitions run. One interface, a registry by name.

An engine maps a picklable function over picklable partition descriptions and
yields the results as they finish (in any order). `local` runs them in this
process, one after another: the reference. `dask` runs them on a
dask.distributed cluster: a LocalCluster of worker processes started here, or
an existing scheduler (`tcp://host:8786`) whose workers have trucewatch
installed and see the same input and output paths.

Another engine (Apache Spark: `sc.parallelize(parts, len(parts)).map(fn)
.toLocalIterator()`) plugs in with `register_engine("spark", factory)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from types import TracebackType
from typing import Any, Protocol, TypeVar

from trucewatch.errors import ConfigError

__all__ = [
    "DaskEngine",
    "Engine",
    "LocalEngine",
    "engine_names",
    "open_engine",
    "register_engine",
]

P = TypeVar("P")
R = TypeVar("R")


class Engine(Protocol):
    """Runs `fn` over items, on this machine or a cluster."""

    name: str

    @property
    def workers(self) -> int:
        """How many partitions can run at once."""
        ...

    def map_unordered(self, fn: Callable[[P], R], items: Iterable[P]) -> Iterator[R]:
        """`fn(item)` for every item, yielded as each finishes."""
        ...

    def close(self) -> None: ...


EngineFactory = Callable[..., Engine]
_ENGINES: dict[str, EngineFactory] = {}


def register_engine(name: str, factory: EngineFactory) -> None:
    """Make `open_engine(name, workers=, scheduler=)` build engines with `factory`."""
    _ENGINES[name] = factory


def engine_names() -> list[str]:
    return sorted(_ENGINES)


def open_engine(name: str, workers: int | None = None, scheduler: str | None = None) -> Engine:
    """Start the engine registered as `name`; ConfigError names the known ones."""
    if name not in _ENGINES:
        known = ", ".join(engine_names())
        hint = " (not built in: see the README, section Scale)" if name == "spark" else ""
        raise ConfigError("--engine", f"no engine {name!r}{hint}; known: {known}")
    return _ENGINES[name](workers=workers, scheduler=scheduler)


class _Closing:
    def __enter__(self) -> Any:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        return None


class LocalEngine(_Closing):
    """This process, one item after another, in order: the reference engine."""

    name = "local"
    workers = 1

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        if scheduler:
            raise ConfigError("--scheduler", "the local engine takes no scheduler; use --engine dask")

    def map_unordered(self, fn: Callable[[P], R], items: Iterable[P]) -> Iterator[R]:
        for item in items:
            yield fn(item)


class DaskEngine(_Closing):
    """A dask.distributed cluster: `workers` local processes, or a running scheduler."""

    name = "dask"

    def __init__(self, workers: int | None = None, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self._cluster: Any = None
        if scheduler:
            self._client = Client(scheduler, timeout="30s")
        else:
            self._cluster = LocalCluster(
                n_workers=workers or 2, threads_per_worker=1, processes=True,
                dashboard_address="127.0.0.1:0", silence_logs=40,  # no fixed port
            )
            self._client = Client(self._cluster)

    @property
    def workers(self) -> int:
        info = self._client.scheduler_info()
        threads = sum(w.get("nthreads", 1) for w in info.get("workers", {}).values())
        return max(1, int(threads))

    def map_unordered(self, fn: Callable[[P], R], items: Iterable[P]) -> Iterator[R]:
        """Keep about two tasks per worker thread in flight, so the client stays small."""
        from distributed import as_completed

        pending = iter(items)
        window = 2 * self.workers
        futures = [self._client.submit(fn, item, pure=False) for _, item in zip(range(window), pending)]
        queue = as_completed(futures)
        for future in queue:
            yield future.result()
            future.release()
            nxt = next(pending, None)
            if nxt is not None:
                queue.add(self._client.submit(fn, nxt, pure=False))

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


register_engine("local", LocalEngine)
register_engine("dask", DaskEngine)
