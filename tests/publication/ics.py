"""A small, strict reader of iCalendar (RFC 5545), independent of the library that writes the
feeds: it refuses what a calendar application might choke on (bare LF line ends, lines over 75
octets, unbalanced BEGIN/END, a property outside a component) rather than guessing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NAME = re.compile(r"^[A-Za-z0-9-]+$")


class IcsError(ValueError):
    pass


@dataclass
class Prop:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    props: list[Prop] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def all(self, name: str) -> list[Prop]:
        return [p for p in self.props if p.name == name]

    def one(self, name: str) -> Prop:
        found = self.all(name)
        if len(found) != 1:
            raise IcsError(f"{self.name}: expected one {name}, found {len(found)}")
        return found[0]

    def value(self, name: str) -> str:
        return self.one(name).value

    def walk(self, name: str) -> list[Component]:
        out = [self] if self.name == name else []
        for child in self.children:
            out.extend(child.walk(name))
        return out


def _unfold(data: bytes) -> list[str]:
    if b"\n" in data.replace(b"\r\n", b""):
        raise IcsError("a line ends in a bare LF; RFC 5545 asks for CRLF")
    physical = data.split(b"\r\n")
    if physical[-1] != b"":
        raise IcsError("the last line does not end in CRLF")
    lines: list[bytes] = []
    for raw in physical[:-1]:
        if len(raw) > 75:
            raise IcsError(f"line longer than 75 octets: {raw[:40]!r}...")
        if raw[:1] in (b" ", b"\t"):
            if not lines:
                raise IcsError("a continuation line comes first")
            lines[-1] += raw[1:]
        else:
            lines.append(raw)
    return [line.decode("utf-8") for line in lines]


def _split(line: str) -> Prop:
    # Parameter values may be quoted and contain ':' or ';'.
    head, value, quoted, i = "", None, False, 0
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            break
    if value is None:
        raise IcsError(f"no ':' in {line!r}")
    name, *raw_params = re.split(r';(?=(?:[^"]*"[^"]*")*[^"]*$)', head)
    if not NAME.match(name):
        raise IcsError(f"bad property name {name!r}")
    params = {}
    for param in raw_params:
        key, sep, val = param.partition("=")
        if not sep or not NAME.match(key):
            raise IcsError(f"bad parameter {param!r}")
        params[key.upper()] = val.strip('"')
    return Prop(name.upper(), params, value)


def parse(data: bytes) -> Component:
    """The VCALENDAR of ``data``, with its components nested."""
    stack: list[Component] = []
    root: Component | None = None
    for line in _unfold(data):
        prop = _split(line)
        if prop.name == "BEGIN":
            component = Component(prop.value.upper())
            if stack:
                stack[-1].children.append(component)
            elif root is not None:
                raise IcsError("more than one top-level component")
            else:
                root = component
            stack.append(component)
        elif prop.name == "END":
            if not stack or stack[-1].name != prop.value.upper():
                raise IcsError(f"END:{prop.value} does not close the open component")
            stack.pop()
        elif not stack:
            raise IcsError(f"{prop.name} outside any component")
        else:
            stack[-1].props.append(prop)
    if stack or root is None or root.name != "VCALENDAR":
        raise IcsError("not one complete VCALENDAR")
    return root


def text(value: str) -> str:
    """A TEXT value unescaped (RFC 5545 3.3.11)."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)
