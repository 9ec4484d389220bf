"""Kansli's legal rules as pure functions: no Django, no I/O.

Every rule cites its source in its docstring.  References are to kommunallagen (2017:725)
("KL") unless stated otherwise.
"""

from .calendar import (
    holiday_name,
    is_non_working_day,
    is_working_day,
    next_working_day,
    previous_working_day,
)
from .case_numbers import (
    DEFAULT_FORMATS,
    CaseNumber,
    CaseNumberFormat,
    find_case_numbers,
    parse_case_number,
)
from .deadlines import (
    AppealPeriod,
    adjustment_deadline,
    appeal_period,
    deadlines,
    kallelse_deadline,
    latest_posting,
)
from .quorum import has_quorum, quorum_needed
from .substitutes import (
    Assignment,
    MemberSeat,
    Roster,
    Sitting,
    SittingState,
    Substitute,
    SubstitutionError,
    SubstitutionRules,
    call_in_order,
    propose,
    serving_count,
)
from .voting import Ballot, VoteResult, VotingError, count_votes, vote_between

__all__ = [
    "DEFAULT_FORMATS",
    "AppealPeriod",
    "Assignment",
    "Ballot",
    "CaseNumber",
    "CaseNumberFormat",
    "MemberSeat",
    "Roster",
    "Sitting",
    "SittingState",
    "Substitute",
    "SubstitutionError",
    "SubstitutionRules",
    "VoteResult",
    "VotingError",
    "adjustment_deadline",
    "appeal_period",
    "call_in_order",
    "count_votes",
    "deadlines",
    "find_case_numbers",
    "has_quorum",
    "holiday_name",
    "is_non_working_day",
    "is_working_day",
    "kallelse_deadline",
    "latest_posting",
    "next_working_day",
    "parse_case_number",
    "previous_working_day",
    "propose",
    "quorum_needed",
    "serving_count",
    "vote_between",
]
