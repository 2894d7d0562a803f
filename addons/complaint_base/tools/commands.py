"""Reading the values of relational fields as a caller sends them.  Pure
functions, no Odoo import."""

LINK = 4
SET = 6


def linked_ids(commands):
    """The ids a many2many value adds: a list of ids, or link and set
    commands (``Command.link``, ``Command.set``); the others add nobody."""
    ids = set()
    for command in commands or ():
        if isinstance(command, int):
            ids.add(command)
        elif isinstance(command, list | tuple) and command:
            if command[0] == LINK:
                ids.add(command[1])
            elif command[0] == SET:
                ids.update(command[2] or ())
    return ids
