"""YAML parsed safely, remembering the line of every mapping key, so problems name their line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml


class YamlSyntaxError(Exception):
    """The YAML could not be parsed; `line` is 1-based within the parsed text."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass
class YamlDocument:
    """Parsed data plus a way to find the line a key was written on."""

    data: Any
    node: yaml.Node | None
    first_line: int = 1

    def line_of(self, *keys: str | int) -> int:
        """The line of the deepest key of `keys` that exists (the document's start if none)."""
        node = self.node
        line = self.first_line
        for key in keys:
            child = _child(node, key)
            if child is None:
                break
            key_node, node = child
            line = self.first_line + key_node.start_mark.line
        return line


def _child(node: yaml.Node | None, key: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        item = node.value[key]
        return item, item
    return None


# libyaml's safe loader when PyYAML was built with it (the wheels are): the same rules, several
# times faster on a pack of a thousand articles.
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document with the safe loader only (no Python object tags)."""
    loader = _SAFE_LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        raise YamlSyntaxError(line, _plain_yaml_message(exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(first_line, f"the YAML could not be read ({exc})") from exc
    finally:
        loader.dispose()
    return YamlDocument(data=data, node=node, first_line=first_line)


def _plain_yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "it is not valid YAML"
    if "could not determine a constructor" in problem:
        return "this YAML tag is not allowed; write plain text, numbers and lists only"
    hint = "check the indentation, the colons, and put text with ':' or '#' in quotes"
    return f"the YAML is not valid here ({problem}); {hint}"
