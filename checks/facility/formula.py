"""Threshold formulas such as ``max(1, ceil(0.01 * total_stalls))``, evaluated over whole columns.

A formula is parsed with Python's ``ast`` and only a small whitelist runs: numbers, record fields, ``+ - * /``,
comparisons, and ``max min ceil floor where``. Empty context fields (NaN) make the result NaN, so the rule
reports ``not_assessed`` rather than judging against a threshold computed from nothing.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from typing import Callable, Mapping

import numpy as np

Columns = Mapping[str, np.ndarray]
_Compiled = Callable[[Columns], np.ndarray]

_BINOPS = {ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide}
_COMPARE = {ast.Lt: np.less, ast.LtE: np.less_equal, ast.Gt: np.greater, ast.GtE: np.greater_equal,
            ast.Eq: np.equal}


def _nan_where(condition: np.ndarray, yes: np.ndarray, no: np.ndarray) -> np.ndarray:
    # ``condition`` is 1.0/0.0/NaN: an unknown condition gives an unknown threshold.
    out = np.where(condition == 1.0, yes, no).astype(np.float64)
    return np.where(np.isnan(condition), np.nan, out)


_FUNCTIONS: dict[str, Callable[..., np.ndarray]] = {
    "max": np.maximum,  # NaN-propagating, unlike np.fmax
    "min": np.minimum,
    "ceil": np.ceil,
    "floor": np.floor,
    "where": _nan_where,
}


class FormulaError(ValueError):
    pass


def _compile(node: ast.AST) -> _Compiled:
    if isinstance(node, ast.Expression):
        return _compile(node.body)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        value = float(node.value)
        return lambda cols: np.float64(value)
    if isinstance(node, ast.Name):
        name = node.id
        return lambda cols: np.asarray(cols[name], dtype=np.float64)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _compile(node.operand)
        return lambda cols: -inner(cols)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        op, left, right = _BINOPS[type(node.op)], _compile(node.left), _compile(node.right)
        return lambda cols: op(left(cols), right(cols))
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        op, left, right = _COMPARE[type(node.ops[0])], _compile(node.left), _compile(node.comparators[0])

        def compare(cols: Columns) -> np.ndarray:
            a, b = left(cols), right(cols)
            result = op(a, b).astype(np.float64)
            return np.where(np.isnan(a) | np.isnan(b), np.nan, result)

        return compare
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS and not node.keywords:
        fn = _FUNCTIONS[node.func.id]
        args = [_compile(a) for a in node.args]
        return lambda cols: fn(*(a(cols) for a in args))
    raise FormulaError(f"not allowed in a threshold formula: {ast.dump(node)[:80]}")


@lru_cache(maxsize=None)
def compile_formula(text: str) -> _Compiled:
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"cannot parse formula {text!r}: {exc.msg}") from None
    return _compile(tree)


@lru_cache(maxsize=None)
def formula_names(text: str) -> frozenset[str]:
    """The record fields a formula reads (function names excluded)."""
    tree = ast.parse(text, mode="eval")
    called = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return frozenset(n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id not in called)


def evaluate_formula(text: str, columns: Columns, length: int) -> np.ndarray:
    """The formula's value for every row (a constant formula is broadcast to ``length``)."""
    return np.broadcast_to(compile_formula(text)(columns), (length,)).astype(np.float64)
