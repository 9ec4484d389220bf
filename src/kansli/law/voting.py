"""Counting an open, named vote (votering) and applying the chair's casting vote."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = ["Ballot", "VoteResult", "VotingError", "count_votes", "vote_between"]

Choice = Literal["yes", "no", "abstain"]

_CHOICES: dict[str, Choice] = {
    "yes": "yes",
    "no": "no",
    "abstain": "abstain",
    "ja": "yes",
    "nej": "no",
    "avstår": "abstain",
}


class VotingError(ValueError):
    """A vote cannot be counted as given; the message is in Swedish for the secretary."""


@dataclass(frozen=True)
class Ballot:
    """One member's vote: ``choice`` is "yes", "no" or "abstain" (ja / nej / avstår)."""

    voter: str
    choice: Choice

    def __post_init__(self) -> None:
        if not self.voter.strip():
            raise VotingError("En röst saknar namn på den som röstat.")
        normalised = _CHOICES.get(str(self.choice).strip().lower())
        if normalised is None:
            raise VotingError(
                f"Ogiltig röst för {self.voter}: {self.choice!r} (ange ja, nej eller avstår)."
            )
        object.__setattr__(self, "choice", normalised)


@dataclass(frozen=True)
class VoteResult:
    """Outcome of a vote.  ``outcome`` is the side that won: "yes" (ja) or "no" (nej).

    In a vote between two proposals, ``yes_label`` is the proposal voted for with ja and
    ``no_label`` the one voted for with nej; ``winner`` then names the winning proposal.
    """

    yes: int
    no: int
    abstain: int
    outcome: Literal["yes", "no"]
    decided_by_casting_vote: bool
    yes_label: str | None = None
    no_label: str | None = None

    @property
    def votes_cast(self) -> int:
        """Ja and nej votes; abstentions are not votes cast."""
        return self.yes + self.no

    @property
    def winner(self) -> str:
        """The winning proposal's label if the vote had labels, else "yes" or "no"."""
        label = self.yes_label if self.outcome == "yes" else self.no_label
        return label if label is not None else self.outcome


def _as_ballot(item: Ballot | tuple[str, str]) -> Ballot:
    if isinstance(item, Ballot):
        return item
    voter, choice = item
    return Ballot(voter, choice)  # type: ignore[arg-type]


def count_votes(
    ballots: Iterable[Ballot | tuple[str, str]],
    *,
    chair: str | None = None,
    abstention_allowed: bool = True,
    yes_label: str | None = None,
    no_label: str | None = None,
) -> VoteResult:
    """Count an open vote and decide it.

    KL (2017:725) 5 kap. 55 § (applied to nämnder through 6 kap. 33 §): the decision is the
    view that got more than half of the votes cast, so abstentions do not count; on a tie in
    a vote that is not an election the chair has the casting vote, which here is the chair's
    own ballot.  Elections are decided by lot on a tie and are not handled here.
    ``abstention_allowed=False`` is for myndighetsutövning mot enskild, where a member taking
    part in the matter must take part in the decision.
    """
    counted: dict[str, Ballot] = {}
    for item in ballots:
        ballot = _as_ballot(item)
        key = ballot.voter.strip().casefold()
        if key in counted:
            raise VotingError(f"{ballot.voter} har röstat mer än en gång.")
        counted[key] = ballot
    if not counted:
        raise VotingError("Omröstningen saknar röster.")
    tally = {"yes": 0, "no": 0, "abstain": 0}
    for ballot in counted.values():
        tally[ballot.choice] += 1
    if tally["abstain"] and not abstention_allowed:
        names = ", ".join(b.voter for b in counted.values() if b.choice == "abstain")
        raise VotingError(
            "Vid myndighetsutövning mot enskild får den som deltar i ärendet inte avstå "
            f"från att rösta: {names}."
        )
    casting = False
    if tally["yes"] > tally["no"]:
        outcome: Literal["yes", "no"] = "yes"
    elif tally["no"] > tally["yes"]:
        outcome = "no"
    else:
        casting = True
        outcome = _casting_vote(counted, chair, tally["yes"])
    return VoteResult(
        yes=tally["yes"],
        no=tally["no"],
        abstain=tally["abstain"],
        outcome=outcome,
        decided_by_casting_vote=casting,
        yes_label=yes_label,
        no_label=no_label,
    )


def _casting_vote(counted: dict[str, Ballot], chair: str | None, each: int) -> Literal["yes", "no"]:
    if chair is None:
        raise VotingError(
            f"Lika röstetal ({each}–{each}): ordföranden har utslagsröst, ange vem som är "
            "ordförande."
        )
    ballot = counted.get(chair.strip().casefold())
    if ballot is None:
        raise VotingError(
            f"Lika röstetal ({each}–{each}): ordföranden {chair} har inte röstat och måste "
            "avgöra med sin utslagsröst."
        )
    if ballot.choice == "abstain":
        raise VotingError(
            f"Lika röstetal ({each}–{each}): ordföranden {chair} har avstått men måste avgöra "
            "omröstningen med sin utslagsröst (ja eller nej)."
        )
    return ballot.choice


def vote_between(
    proposal_a: str,
    proposal_b: str,
    ballots: Iterable[Ballot | tuple[str, str]],
    *,
    chair: str | None = None,
    abstention_allowed: bool = True,
) -> VoteResult:
    """A vote between two proposals: ja is a vote for ``proposal_a``, nej for ``proposal_b``.

    Counted as in `count_votes` (KL 5 kap. 55 §, 6 kap. 33 §); ``winner`` names the proposal
    that the body adopted.
    """
    if proposal_a.strip().casefold() == proposal_b.strip().casefold():
        raise VotingError("En omröstning måste stå mellan två olika förslag.")
    return count_votes(
        ballots,
        chair=chair,
        abstention_allowed=abstention_allowed,
        yes_label=proposal_a,
        no_label=proposal_b,
    )
