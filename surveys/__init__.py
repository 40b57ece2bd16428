"""Reads field surveys: formats, schema, encodings, coordinate systems, XLSForm."""
