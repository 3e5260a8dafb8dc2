"""The public face of the site, the top floor of the house: it may read
partners, missions and exhibitions, and nothing reads it.

One sub-package a concern: `invest` (the investment case), `calendar` (the
merged calendar of events, missions and exhibitions, its feeds and the
activity report), `inquiries` (the investor inquiry) and `content` (news and
presentations). At the top: the home page (`models.home`, `admin.home`,
`views`), the sitemaps, the site's URLs, the demo data (`demo`), and the
registries Django reads: `models` and `admin` import every concern's, and
`translation` names the translated fields. Template tags stay in
`templatetags`, where Django looks for them."""
