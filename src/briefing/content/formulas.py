"""Derived figures: `formula: livelihood_spending / budget_spending * 100`.

Evaluated over exact decimals by walking Python's own parse tree with a short list of what is
allowed (numbers, figure ids, + - * /, parentheses): no eval, no names but figure ids, no
calls or attributes, so a formula cannot reach anything else.
"""

from __future__ import annotations

import ast
import decimal
from collections.abc import Callable
from decimal import Decimal

_OPERATORS: dict[type, Callable[[Decimal, Decimal], Decimal]] = {
    ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b, ast.Div: lambda a, b: a / b,
}


class FormulaProblem(Exception):
    pass


def formula_names(formula: str) -> set[str]:
    """The figure ids a formula uses (raises FormulaProblem for a malformed one)."""
    return {node.id for node in ast.walk(_parse(formula)) if isinstance(node, ast.Name)}


def evaluate(formula: str, values: dict[str, Decimal]) -> Decimal:
    """The formula's value, given the values of the figures it names."""
    try:
        with decimal.localcontext() as ctx:
            ctx.traps[decimal.DivisionByZero] = True
            ctx.traps[decimal.InvalidOperation] = True
            return _value(_parse(formula).body, values)
    except ZeroDivisionError:  # decimal's DivisionByZero and DivisionUndefined (0/0)
        raise FormulaProblem(f"'{formula}' divides by zero") from None
    except (decimal.InvalidOperation, decimal.Overflow) as exc:
        if decimal.DivisionUndefined in (exc.args[0] if exc.args else []):  # 0/0
            raise FormulaProblem(f"'{formula}' divides by zero") from None
        raise FormulaProblem(f"'{formula}' gives a number too large to write") from None
    except RecursionError:
        raise FormulaProblem(f"'{formula[:40]}...' is nested too deeply") from None


_ALLOWED = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name, ast.Load,
            ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub, ast.UAdd)


def _parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula, mode="eval")
    except (SyntaxError, RecursionError, MemoryError):  # the last two: nested too deep
        raise FormulaProblem(f"'{formula}' is not a formula: use figure ids, numbers, "
                             "+ - * / and parentheses") from None
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED):
            raise FormulaProblem(f"'{ast.unparse(node)}' is not allowed in a formula: use "
                                 "figure ids, numbers, + - * / and parentheses")
    return tree


def _value(node: ast.AST, values: dict[str, Decimal]) -> Decimal:
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_value(node.left, values), _value(node.right, values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        operand = _value(node.operand, values)
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return values[node.id]
    raise FormulaProblem(f"'{ast.unparse(node)}' is not allowed in a formula: use figure ids, "
                         "numbers, + - * / and parentheses")
