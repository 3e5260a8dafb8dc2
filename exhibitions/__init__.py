"""Exhibitions in Japan with an Amur pavilion: the exhibitions, the
companies' participations, which plug into the shared application workflow
(partners.applications) through `services`, and the exhibitor catalogue
buyers read."""
