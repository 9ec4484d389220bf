"""Minutes model → HTML → PDF/A (WeasyPrint); PAdES signatures and their verification (pyHanko).

No Django. Modules:

- :mod:`.html`: ``render_minutes_html``, ``render_extract_html``, ``render_notice_of_meeting_html``
- :mod:`.pdf`: ``render_pdf``, ``minutes_pdf``, ``extract_pdf``, ``notice_of_meeting_pdf``
- :mod:`.signing`: ``create_demo_ca``, ``issue_user_certificate``, ``Signer``, ``sign_pdf``
- :mod:`.verify`: ``verify_pdf``, ``format_report``, ``verify_main``

Import the submodules directly; this package does not import WeasyPrint or pyHanko eagerly.
"""
