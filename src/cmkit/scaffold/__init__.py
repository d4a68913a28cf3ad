"""`cmkit init`'s engine: presets, the answers of the questionnaire, and the commented YAML they make."""

from cmkit.scaffold.engine import Answers, Referent, scaffold
from cmkit.scaffold.presets import LANGUAGES, PRESETS, load_preset

__all__ = ["LANGUAGES", "PRESETS", "Answers", "Referent", "load_preset", "scaffold"]
