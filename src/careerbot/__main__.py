"""Run the command line with `python -m careerbot`."""
from .cli import main

main(prog_name="careerbot")
