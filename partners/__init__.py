"""Amur's companies, the Japanese organisations they meet, their contacts and
the consents people give; `applications` is the workflow missions and
exhibitions share for a company's application."""
