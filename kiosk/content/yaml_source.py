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
# No real field needs a longer number; a longer one is slow to build (a 100,000-part 1:2:3 takes
# seconds) and Python refuses to print an integer of more than 4,300 digits.
MAX_NUMBER_CHARS = 100
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _ValueProblem(yaml.MarkedYAMLError):
    """A value YAML could parse but not build (a huge number, a 13th month): its message is final."""

    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(problem=message, problem_mark=node.start_mark)


class _Loader(_SAFE_LOADER):  # type: ignore[valid-type,misc]  # chosen at import time
    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if (
            isinstance(node, yaml.ScalarNode) and node.tag in _NUMBER_TAGS
            and len(node.value) > MAX_NUMBER_CHARS
        ):
            raise _ValueProblem(node, "this number is too long; put it in quotes if it is text")
        try:
            return super().construct_object(node, deep)
        # The safe constructors raise these, unmarked, for `!!int ""`, `!!bool maybe`, a 13th month
        except (ValueError, OverflowError, LookupError, AttributeError, TypeError) as exc:
            raise _ValueProblem(node, _unbuildable_message(node)) from exc


def parse_yaml(text: str, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document with the safe loader only (no Python object tags)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + (mark.line if mark is not None else 0)
        raise YamlSyntaxError(line, _plain_yaml_message(exc)) from exc
    except yaml.reader.ReaderError as exc:
        raise YamlSyntaxError(first_line + _line_of_character(text, exc), _reader_message(exc)) from exc
    except yaml.YAMLError as exc:
        raise YamlSyntaxError(
            first_line, "the YAML could not be read; save the file again as plain text"
        ) from exc
    finally:
        loader.dispose()
    return YamlDocument(data=data, node=node, first_line=first_line)


def _unbuildable_message(node: yaml.Node) -> str:
    if node.tag == "tag:yaml.org,2002:timestamp":
        return "this date does not exist; write it as YYYY-MM-DD, like 2026-11-01"
    return "this value cannot be read; put it in quotes if it is text"


def _line_of_character(text: str, exc: yaml.reader.ReaderError) -> int:
    """Lines after the first to the refused character (libyaml counts bytes, so find the character)."""
    index = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
    return text.count("\n", 0, index) if index >= 0 else 0


def _reader_message(exc: yaml.reader.ReaderError) -> str:
    code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "an unknown character"
    return (
        f"the text holds a control character ({code}) that YAML does not allow; delete it, "
        "or save the file again as plain text"
    )


def _plain_yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if isinstance(exc, _ValueProblem) and exc.problem:
        return exc.problem
    problem = exc.problem or "it is not valid YAML"
    if "could not determine a constructor" in problem:
        return "this YAML tag is not allowed; write plain text, numbers and lists only"
    hint = "check the indentation, the colons, and put text with ':' or '#' in quotes"
    return f"the YAML is not valid here ({problem}); {hint}"
