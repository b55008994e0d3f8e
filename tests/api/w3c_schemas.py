"""The Web Annotation Data Model's MUSTs as JSON Schemas (draft-04, as the W3C test suite writes them).

Written for these tests from the Recommendation (https://www.w3.org/TR/annotation-model/) and
the assertions of w3c/web-annotation-tests (annotations/3.1-annotationMustKeys.json,
definitions/bodyTarget.json, specificResource.json, otherProperties.json): the same constraints,
not a copy of those files.
"""

URI = {"type": "string", "format": "uri", "pattern": "^[a-z][a-z0-9+.-]*:"}
DATETIME = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$",
}
ANNO = "http://www.w3.org/ns/anno.jsonld"


def _has(value):
    """A string equal to ``value``, or an array containing it."""
    return {
        "oneOf": [
            {"type": "string", "enum": [value]},
            {"type": "array", "not": {"items": {"not": {"type": "string", "enum": [value]}}}},
        ]
    }


TEXT_QUOTE = {
    "type": "object",
    "required": ["type", "exact"],
    "properties": {
        "type": {"enum": ["TextQuoteSelector"]},
        "exact": {"type": "string", "minLength": 1},
        "prefix": {"type": "string"},
        "suffix": {"type": "string"},
    },
}
TEXT_POSITION = {
    "type": "object",
    "required": ["type", "start", "end"],
    "properties": {
        "type": {"enum": ["TextPositionSelector"]},
        "start": {"type": "integer", "minimum": 0},
        "end": {"type": "integer", "minimum": 0},
    },
}
SPECIFIC_RESOURCE = {
    "type": "object",
    "required": ["source", "selector"],
    "not": {"anyOf": [{"required": ["value"]}, {"required": ["id"]}]},
    "properties": {
        "type": {"enum": ["SpecificResource"]},
        "source": URI,
        "selector": {
            "oneOf": [
                {"anyOf": [TEXT_QUOTE, TEXT_POSITION]},
                {"type": "array", "minItems": 1, "items": {"anyOf": [TEXT_QUOTE, TEXT_POSITION]}},
            ]
        },
    },
}
TEXTUAL_BODY = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"enum": ["TextualBody"]},
        "value": {"type": "string"},
        "format": {"type": "string", "pattern": "^(application|text)/"},
        "language": {"type": "string", "pattern": "^[a-z]{2,3}(-|$)"},
        "textDirection": {"enum": ["ltr", "rtl", "auto"]},
        "purpose": {"type": "string"},
    },
}
AGENT = {
    "oneOf": [
        URI,
        {
            "type": "object",
            "properties": {
                "id": URI,
                "type": {"enum": ["Person", "Organization", "Software", "foaf:Person"]},
                "name": {"type": "string"},
                "nickname": {"type": "string"},
            },
        },
    ]
}
MOTIVATIONS = ["assessing", "bookmarking", "classifying", "commenting", "describing", "editing", "highlighting",
               "identifying", "linking", "moderating", "questioning", "replying", "tagging"]  # fmt: skip

ANNOTATION = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["@context", "id", "type", "target"],
    "properties": {
        "@context": _has(ANNO),
        "id": URI,
        "type": _has("Annotation"),
        "motivation": {"enum": MOTIVATIONS},
        "created": DATETIME,
        "modified": DATETIME,
        "creator": AGENT,
        "generator": AGENT,
        "body": TEXTUAL_BODY,
        "target": {"oneOf": [URI, SPECIFIC_RESOURCE]},
    },
    "dependencies": {"body": {"not": {"required": ["bodyValue"]}}, "bodyValue": {"not": {"required": ["body"]}}},
}
# What Rasad promises on top of the MUSTs (the issue's list): a Persian right-to-left body and both selectors.
RASAD_ANNOTATION = {
    "allOf": [
        ANNOTATION,
        {
            "required": ["body", "creator", "created", "modified"],
            "properties": {
                "body": {
                    "required": ["language", "textDirection"],
                    "properties": {"language": {"enum": ["fa"]}, "textDirection": {"enum": ["rtl"]}},
                },
                "target": {
                    "type": "object",
                    "properties": {
                        "selector": {
                            "type": "array",
                            "allOf": [
                                {"not": {"items": {"not": {"properties": {"type": {"enum": ["TextQuoteSelector"]}}}}}},
                                {
                                    "not": {
                                        "items": {"not": {"properties": {"type": {"enum": ["TextPositionSelector"]}}}}
                                    }
                                },
                            ],
                        }
                    },
                },
            },
        },
    ]
}
CONTAINER = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["@context", "id", "type", "total", "first"],
    "properties": {
        "@context": _has(ANNO),
        "id": URI,
        "type": {"allOf": [_has("BasicContainer"), _has("AnnotationCollection")]},
        "total": {"type": "integer", "minimum": 0},
        "first": URI,
        "last": URI,
        "modified": DATETIME,
        "label": {"type": "string"},
    },
}
PAGE = {
    "$schema": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "required": ["@context", "id", "type", "partOf", "items"],
    "properties": {
        "@context": _has(ANNO),
        "id": URI,
        "type": {"enum": ["AnnotationPage"]},
        "partOf": {"oneOf": [URI, {"type": "object", "required": ["id"], "properties": {"id": URI}}]},
        "startIndex": {"type": "integer", "minimum": 0},
        "next": URI,
        "prev": URI,
        "items": {"type": "array"},
    },
}
