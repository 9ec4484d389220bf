"""Open votes: simple majority of votes cast, chair's casting vote on a tie."""

import pytest

from kansli.law.voting import Ballot, VotingError, count_votes, vote_between


def test_simple_majority_ignores_abstentions() -> None:
    result = count_votes(
        [("Anna", "yes"), ("Bo", "yes"), ("Cilla", "no"), ("Dan", "abstain"), ("Eva", "abstain")]
    )
    assert (result.yes, result.no, result.abstain) == (2, 1, 2)
    assert result.outcome == "yes"
    assert result.votes_cast == 3
    assert not result.decided_by_casting_vote


def test_no_wins() -> None:
    result = count_votes([Ballot("Anna", "no"), Ballot("Bo", "no"), Ballot("Cilla", "yes")])
    assert result.outcome == "no"


def test_swedish_choices_are_accepted() -> None:
    result = count_votes([("Anna", "Ja"), ("Bo", "nej"), ("Cilla", "avstår"), ("Dan", "ja")])
    assert (result.yes, result.no, result.abstain) == (2, 1, 1)


def test_tie_is_decided_by_the_chairs_own_ballot() -> None:
    ballots = [("Ordf", "no"), ("Bo", "yes"), ("Cilla", "no"), ("Dan", "yes")]
    result = count_votes(ballots, chair="Ordf")
    assert result.outcome == "no"
    assert result.decided_by_casting_vote
    assert (result.yes, result.no) == (2, 2)


def test_tie_where_the_chair_abstained_needs_the_chair_to_decide() -> None:
    ballots = [("Ordf", "abstain"), ("Bo", "yes"), ("Cilla", "no")]
    with pytest.raises(VotingError, match="utslagsröst"):
        count_votes(ballots, chair="Ordf")


def test_tie_without_chair_named_is_an_error() -> None:
    with pytest.raises(VotingError, match="ordförande"):
        count_votes([("Bo", "yes"), ("Cilla", "no")])


def test_tie_where_the_chair_did_not_vote_is_an_error() -> None:
    with pytest.raises(VotingError, match="inte röstat"):
        count_votes([("Bo", "yes"), ("Cilla", "no")], chair="Ordf")


def test_duplicate_voter_is_rejected_case_insensitively() -> None:
    with pytest.raises(VotingError, match="mer än en gång"):
        count_votes([("Anna Ek", "yes"), ("Bo", "no"), ("anna ek", "no")])


def test_invalid_choice_and_empty_vote_are_rejected() -> None:
    with pytest.raises(VotingError, match="Ogiltig röst"):
        count_votes([("Anna", "kanske")])
    with pytest.raises(VotingError, match="saknar röster"):
        count_votes([])


def test_abstention_not_allowed_in_myndighetsutovning() -> None:
    with pytest.raises(VotingError, match="myndighetsutövning"):
        count_votes([("Anna", "yes"), ("Bo", "abstain")], abstention_allowed=False)


def test_vote_between_two_proposals() -> None:
    ballots = [("Anna", "ja"), ("Bo", "nej"), ("Cilla", "nej")]
    result = vote_between("Ordförandens förslag", "Avslagsyrkande (V)", ballots)
    assert result.outcome == "no"
    assert result.winner == "Avslagsyrkande (V)"


def test_vote_between_tie_goes_to_chairs_proposal() -> None:
    ballots = [("Ordf", "ja"), ("Bo", "nej")]
    result = vote_between("Förslag A", "Förslag B", ballots, chair="Ordf")
    assert result.winner == "Förslag A"
    assert result.decided_by_casting_vote


def test_vote_between_identical_proposals_is_rejected() -> None:
    with pytest.raises(VotingError):
        vote_between("Bifall", "bifall", [("Anna", "yes")])
