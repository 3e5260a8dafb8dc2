"""The application workflow missions and exhibitions share, written once.

An Amur company applies for something the agency organises (a seat in a
mission's delegation, a stand in an exhibition's pavilion) the same way:

- the public form keeps what it said about the company and a consent, and
  emails a confirmation link; a form post alone creates no company;
- the link confirms the address, and only then is the company matched by
  INN, or created unpublished;
- the applicant follows the application at a secret link, corrects it until
  the deadline, withdraws it, or erases their personal data;
- staff decide with a reason; every step is kept with who and when, and the
  applicant is emailed in their own language;
- two confirmed applications naming one company compete, and staff decide.

Each app keeps what is its own (seats and the waiting list; stands and the
catalogue) and tells the shared steps about it through a `Workflow`.

Modules: `models` (the abstract application and history), `workflow` (what
an app adds), `errors`, `locking`, `history`, `submission`, `confirmation`,
`decisions`, `changes`, `privacy`, `public` (what public pages show of them);
`emails` says which emails an application sends and renders them, which the
outbox (amur_invest.outbox) keeps and sends; `forms`, `views` and `admin`
hold the shared pieces of the pages.
"""
