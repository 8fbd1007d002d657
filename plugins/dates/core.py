"""The dates stage's pure core: what the Pelican glue (``__init__.py``) calls.

* ``parse_date_value``  sidecar / front-matter values -> PartialDate
* ``parse_dateline``    the dateline cleaning cut from the top of an article -> PartialDate
* ``find_date_mentions`` every date expression in the cleaned body, resolved to ISO
* ``weekday_conflicts`` warnings when a weekday word contradicts its date
* ``format_date_ar`` / ``hijri_ar`` ISO values for display
"""

from .checks import weekday_conflicts
from .display import format_date_ar
from .hijri import hijri_ar
from .mentions import find_date_mentions
from .model import DateMention, PartialDate
from .values import parse_date_value, parse_dateline

__all__ = [
    "DateMention", "PartialDate", "find_date_mentions", "format_date_ar", "hijri_ar",
    "parse_date_value", "parse_dateline", "weekday_conflicts",
]
