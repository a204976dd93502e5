"""Files -> raw.*: read PDF, the text rendering and workbooks; land every printed row."""

PARSER_VERSION = "1.0.0"
