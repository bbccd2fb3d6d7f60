"""The curation file ``data/curation.yaml``: a person's corrections to the records,
applied after extraction on every build so that they survive rebuilds.

Records are addressed as ``<kind>/<id>`` (kind: people, bodies, forces, operations,
dates). Every section is optional; a missing or empty file means no curation::

    merge:                      # the first absorbs the rest: names become aliases, mentions join
      - [people/sergey-lavrov, people/sergei-lavrov]
    rename:                     # a new canonical name; the id stays, the old name becomes an alias
      people/stanislav-zas: Stanislav Vasilievich Zas
    retype:                     # move a record to another kind
      bodies/unifil: operations
    reject:                     # never publish these
      - bodies/international-structures
    aliases:                    # extra names, also used to recognise the entity in new documents
      operations/mercenary: [Operation Mercenary]
    reject_facts:               # wrong posts and relations (see curation_facts)
      people/stanislav-zas: [{post: Secretary General, body: bodies/sco}]

Reading and checking the file is in ``curation_load``; applying it to records (order:
retype, merge, rename, aliases, reject, reject_facts) in ``curation_apply``; the facts
part of both in ``curation_facts``.
"""

from __future__ import annotations

from csto_kb.resolution.curation_apply import apply_curation, valid_date
from csto_kb.resolution.curation_load import Curation, CurationError, load_curation

__all__ = ["Curation", "CurationError", "apply_curation", "load_curation", "valid_date"]
