"""Template tags of the public site, where Django looks for them:
`invest_tags` (the investment case: numbers, charts, the ask-the-agency
link), `seo_tags` and `site_tags` (every page: head tags, languages,
pictures)."""
