"""Fixtures for the writing tests: the sample protokoll, its PDF, and a demo CA (once per
session: key generation and WeasyPrint rendering dominate the run time)."""

from __future__ import annotations

import pytest

from .sample import sample_minutes


@pytest.fixture
def minutes():
    return sample_minutes()


@pytest.fixture(scope="session")
def minutes_pdf_bytes() -> bytes:
    from kansli.writing.pdf import minutes_pdf

    return minutes_pdf(sample_minutes())


@pytest.fixture(scope="session")
def ca(tmp_path_factory):
    from kansli.writing.signing import create_demo_ca

    return create_demo_ca(tmp_path_factory.mktemp("ca"))


@pytest.fixture(scope="session")
def chair_signer(ca):
    from kansli.writing.signing import Signer, issue_user_certificate

    data, password = issue_user_certificate(ca, "Ylva Sandberg", "ylva.sandberg@ekeby.example")
    return Signer.from_pkcs12(data, password)


@pytest.fixture(scope="session")
def adjuster_signer(ca):
    from kansli.writing.signing import Signer, issue_user_certificate

    data, password = issue_user_certificate(ca, "Gustav Mörk", "gustav.mork@ekeby.example")
    return Signer.from_pkcs12(data, password)


@pytest.fixture(scope="session")
def signed_pdf(minutes_pdf_bytes, chair_signer, adjuster_signer) -> bytes:
    from kansli.writing.signing import adjust

    return adjust(minutes_pdf_bytes, chair_signer, [adjuster_signer], location="Ekeby")
