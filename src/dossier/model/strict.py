"""What every record and entry shares: frozen dataclasses Pydantic validates strictly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, ClassVar


def field_alias(name: str) -> str:
    """`for` is a Python keyword: the field is `for_`, the key in the data `for`."""
    return "for" if name == "for_" else name


class Strict:
    """Frozen, and unknown keys are errors: a typo must never vanish silently.

    Records are plain dataclasses: Pydantic validates them (it reads `__pydantic_config__`)
    when data is loaded, but a dossier read back from the cache, and every view of it, never
    import Pydantic, which would cost more start-up time than all the rest of `dossier show`.
    """

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {
        "extra": "forbid",
        "alias_generator": field_alias,
        "populate_by_name": True,
    }
    __dataclass_fields__: ClassVar[dict[str, Any]]

    # `@dataclass` compiles the source of every method it writes, class by class, when the
    # module is imported; one shared `__eq__`, `__hash__` and `__repr__` here, instead of
    # fourteen of each, saves about 10 ms at every start of `dossier show`.
    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__dataclass_fields__)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Strict)  # for the type checker: same class as self
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__dataclass_fields__)
        return f"{type(self).__qualname__}({fields})"


@contextmanager
def field_docstrings() -> Iterator[None]:
    """Inside, Pydantic takes field descriptions from the docstrings under the fields here.

    Only the JSON Schema shows them. Pydantic finds them by reading and parsing this module's
    source, which costs about 100 ms: more than all the rest of building the validators,
    paid by every command that reads data, so validation goes without.
    """
    config = Strict.__pydantic_config__  # one dict, shared by every record class
    config["use_attribute_docstrings"] = True
    try:
        yield
    finally:
        del config["use_attribute_docstrings"]
