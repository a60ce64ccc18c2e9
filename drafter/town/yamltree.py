"""A composed YAML node tree -> the town file's data and line map (one walk), or what is wrong with it: an alias, a
key that is not a scalar, a value that cannot be read (the long way, each in its own walk)."""

from __future__ import annotations

import yaml

from drafter.town.schema import Loc


def line_map(root: yaml.Node) -> dict[Loc, int]:
    """Composed YAML node tree -> {key path: 1-based line} for every mapping key and sequence item (iterative, so
    deep nesting cannot exhaust the stack)."""
    lines: dict[Loc, int] = {}
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                child = path + (key.value,)
                lines[child] = key.start_mark.line + 1
                stack.append((value, child))
        elif isinstance(node, yaml.SequenceNode):
            for i, value in enumerate(node.value):
                lines[path + (i,)] = value.start_mark.line + 1
                stack.append((value, path + (i,)))
    return lines


def shared_node(root: yaml.Node) -> yaml.Node | None:
    """The first node reached twice (an alias, *name, of an anchor, &name), or None. A town file has no use
    for them, and a recursive one (&a [*a]) or an alias bomb would loop or blow up the data."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def complex_key(root: yaml.Node) -> yaml.Node | None:
    """The first mapping key that is a list or a mapping (? [a, b]: 1), which no town file has and no key path names."""
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    return key
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def bad_scalar(loader: yaml.SafeLoader, root: yaml.Node) -> tuple[yaml.Node, Loc] | None:
    """The first scalar the YAML library cannot construct (date: 2024-02-30, !!int abc, a 5000-digit integer),
    with its key path."""
    stack: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            try:
                loader.construct_object(node, deep=True)
            except Exception:  # ValueError, OverflowError, TypeError, KeyError … from yaml's constructors
                return node, path
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack += [(value, path + (key.value,)), (key, path)]
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((value, path + (i,)) for i, value in reversed(list(enumerate(node.value))))
    return None


class Unusual(Exception):
    """plain() met what it leaves to the long way: an alias, a merge key, a tag beyond YAML's core scalars, maps and
    lists, a key that is not a scalar, a value that cannot be read."""


TAG = "tag:yaml.org,2002:"
SCALARS = {f"{TAG}{kind}": yaml.constructor.SafeConstructor.yaml_constructors[f"{TAG}{kind}"]
           for kind in ("null", "bool", "int", "float", "timestamp")}


def plain(loader: yaml.SafeLoader, root: yaml.Node) -> tuple[object, dict[Loc, int]]:
    """A tree of plain maps, lists and scalars -> (data, line map) in one walk: the data PyYAML's safe constructor
    builds (maps keep their keys' order, a repeated key's last value wins) and the map line_map makes (the walk
    is its walk); Unusual for anything else, which the long way (shared_node, bad_scalar, the constructor) handles."""
    seen: set[int] = set()

    def make(node: yaml.Node) -> object:
        """A scalar's value, or a new empty map or list to fill."""
        if id(node) in seen:
            raise Unusual
        seen.add(id(node))
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            if tag == f"{TAG}str":
                return node.value
            if tag not in SCALARS:
                raise Unusual
            try:
                return SCALARS[tag](loader, node)
            except Exception as exc:  # what bad_scalar reports, with its key
                raise Unusual from exc
        if tag == f"{TAG}map" and isinstance(node, yaml.MappingNode):
            return {}
        if tag == f"{TAG}seq" and isinstance(node, yaml.SequenceNode):
            return []
        raise Unusual

    lines: dict[Loc, int] = {}
    data = make(root)
    stack: list[tuple[yaml.Node, Loc, object]] = [(root, (), data)]
    while stack:
        node, path, into = stack.pop()
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(into, dict):
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise Unusual
                child = path + (key.value,)
                lines[child] = key.start_mark.line + 1
                item = into[make(key)] = make(value)
                if isinstance(value, yaml.CollectionNode):
                    stack.append((value, child, item))
        elif isinstance(into, list):
            for i, value in enumerate(node.value):
                lines[path + (i,)] = value.start_mark.line + 1
                into.append(item := make(value))
                if isinstance(value, yaml.CollectionNode):
                    stack.append((value, path + (i,), item))
    return data, lines
