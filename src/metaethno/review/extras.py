"""The optional dependencies (the package's extras) and the error that names a missing one.

A feature that needs an extra calls `require` before it imports the extra's packages, so a
user without it is told what to install rather than shown an ImportError.
"""

from __future__ import annotations


class MissingExtraError(ImportError):
    """An extra a feature needs is not installed; the message says how to install it."""


def require(extra: str, module: str, what: str, *, package: str = "") -> None:
    """Raise MissingExtraError unless `module`, which the `extra` extra installs, imports.

    `what` names the feature in the message ("reading RIS" needs the `import` extra);
    `package`, if given, names what the extra brings, in brackets after it.
    """
    try:
        # as an `import` statement does: the top package first, then each submodule
        __import__(module)
    except ImportError as error:
        brought = f" ({package})" if package else ""
        raise MissingExtraError(
            f"{what} needs the `{extra}` extra{brought}, which is not installed; "
            f"install it with: pip install 'metaethno[{extra}]'"
        ) from error
