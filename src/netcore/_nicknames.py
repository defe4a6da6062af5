"""A small table of common English given-name diminutives (private to ``netcore.dedupe``).

Written for netcore: each line is a formal name and the short forms people use for it.
A short form that belongs to several formal names (``Alex``: Alexander, Alexandra) maps
to the first one listed here; dedupe only uses the table to put two spellings in the same
block and to explain a match, never as proof on its own.

Examples:
    >>> canonical_given("bob"), canonical_given("robert"), canonical_given("zed")
    ('robert', 'robert', 'zed')
"""

from __future__ import annotations

__all__ = ["canonical_given"]

_TABLE = """
abigail: abby abbie gail
albert: al bert bertie
alexander: alex alec sandy xander
alexandra: lexi sasha
alfred: alf alfie fred
andrew: andy drew
anthony: tony ant
barbara: barb barbie babs
benjamin: ben benny benji
catherine: cathy cate kate katie kathy cat
charles: charlie chuck chas chaz
christine: chris chrissy tina
christopher: kit topher
daniel: dan danny
david: dave davey
deborah: deb debbie debby
donald: don donnie
dorothy: dot dottie dolly
edward: ed eddie ned ted teddy
elizabeth: liz lizzie beth betty betsy eliza libby lisa elsie
eleanor: ellie nell nora
frances: fran frankie
francis: frank
frederick: freddie freddy
gabriel: gabe
gerald: gerry jerry
gregory: greg
harold: hal harry
henry: hank
isabella: bella izzy isabel
jacob: jake
james: jim jimmy jamie
john: jack johnny
jennifer: jen jenny jenn
jeffrey: jeff
jonathan: jon jonny
joseph: joe joey
joshua: josh
judith: judy jude
katherine: kat kathryn kay
kenneth: ken kenny
lawrence: larry laurie
leonard: leo len lenny
margaret: maggie meg peggy marge madge greta daisy
matthew: matt matty
michael: mike mikey mick mickey
nathaniel: nate nat nathan
nicholas: nick nicky
patricia: pat patty tricia trish
patrick: paddy
peter: pete
philip: phil pip
rebecca: becky becca
richard: rick ricky dick rich richie
robert: bob bobby rob robbie bert
ronald: ron ronnie
samuel: sam sammy
samantha: sammie
stephen: steve stevie
steven: steve
susan: sue susie suzy
theodore: theo
thomas: tom tommy
timothy: tim timmy
victoria: vicky tori
walter: walt wally
william: will bill billy willie liam
zachary: zach zack
"""


def _build() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in _TABLE.strip().splitlines():
        formal, _, shorts = line.partition(":")
        formal = formal.strip()
        table.setdefault(formal, formal)
        for short in shorts.split():
            table.setdefault(short, formal)
    return table


_CANONICAL = _build()


def canonical_given(folded: str) -> str:
    """The formal name for a folded (lowercase, accent-free) given name, or the name itself.

    Examples:
        >>> canonical_given("liz")
        'elizabeth'
    """
    return _CANONICAL.get(folded, folded)
