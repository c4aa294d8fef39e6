"""The explicit registry of lint rules, in code order."""

from __future__ import annotations

from cjmap.lint.rule import Rule
from cjmap.lint.rules import (
    cj001_yaml_syntax,
    cj002_duplicate_key,
    cj003_schema,
    cj004_unsupported_version,
    cj101_duplicate_id,
    cj102_unknown_reference,
    cj103_emotion_out_of_scale,
    cj104_empty_stage,
    cj201_unaddressed_pain,
    cj202_pain_without_evidence,
    cj203_missing_emotion,
    cj204_missing_channel,
    cj205_missing_owner,
    cj206_unused_definition,
    cj207_stale_map,
    cj208_opportunity_without_metric,
    cj209_future_date,
    cj210_split_sentence,
    cj211_map_outside_include,
    cj212_bidi_override,
    cj301_library_not_found,
    cj302_id_in_map_and_library,
    cj303_library_conflict,
    cj304_unused_library_item,
    cj900_unused_suppression,
)

RULES: tuple[Rule, ...] = (
    cj001_yaml_syntax.RULE,
    cj002_duplicate_key.RULE,
    cj003_schema.RULE,
    cj004_unsupported_version.RULE,
    cj101_duplicate_id.RULE,
    cj102_unknown_reference.RULE,
    cj103_emotion_out_of_scale.RULE,
    cj104_empty_stage.RULE,
    cj201_unaddressed_pain.RULE,
    cj202_pain_without_evidence.RULE,
    cj203_missing_emotion.RULE,
    cj204_missing_channel.RULE,
    cj205_missing_owner.RULE,
    cj206_unused_definition.RULE,
    cj207_stale_map.RULE,
    cj208_opportunity_without_metric.RULE,
    cj209_future_date.RULE,
    cj210_split_sentence.RULE,
    cj211_map_outside_include.RULE,
    cj212_bidi_override.RULE,
    cj301_library_not_found.RULE,
    cj302_id_in_map_and_library.RULE,
    cj303_library_conflict.RULE,
    cj304_unused_library_item.RULE,
    cj900_unused_suppression.RULE,
)

BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
BY_NAME: dict[str, Rule] = {rule.name: rule for rule in RULES}


def get(code_or_name: str) -> Rule | None:
    return BY_CODE.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
