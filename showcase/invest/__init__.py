"""The investment case: trade with Japan in figures and charts, sectors as the
agency presents them, investment projects, support measures, sites for
investors and the wild harvest of the northern districts.

`models` and `admin` hold one module per part (investment, trade, harvest);
`figures` computes what the charts show from the rows staff keep, `charts`
draws them as SVG and CSV, `resources` imports and exports the spreadsheets
staff keep, `filters` is the project catalogue's filter form, `views` and
`urls` the public pages. Template tags: `showcase/templatetags/invest_tags`."""
