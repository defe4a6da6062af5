"""``python -m netcore``: the same as the ``netcore`` command."""

from netcore.cli import main

if __name__ == "__main__":
    main()
