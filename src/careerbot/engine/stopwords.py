"""English words that carry no topic: dropped before retrieval (nltk's list needs a download)."""

STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are aren't as at be because been before being
    below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
    during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her
    here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's
    its itself let's me my myself no nor not of off on once only or other ought our ours ourselves out
    over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
    theirs them themselves then there there's these they they'd they'll they're they've this those
    through to too under until up very was wasn't we we'd we'll we're we've were weren't what what's
    when when's which while who who's whom why why's with won't would wouldn't you you'd you'll you're
    you've your yours yourself yourselves
    whats wheres hows whos im ive id dont doesnt didnt cant isnt arent wont wouldnt youre theyre thats
    wut wat wht whut abt hw cuz bc ppl thx y
    its u ur r ya yeah yep yes ok okay please pls plz um uh hmm well just really actually basically
    like kinda sorta gonna wanna gotta also still even ever much many lot lots bit little
    know tell say said want wanted wondering wonder curious question questions info
    information thing things stuff kind sort guys hey hi hello thanks thank lol btw anyway someone
    somebody anyone anybody people person one ones get gets got getting go going would could should
    will shall may might must more most less least give show find let explain describe
    year years yearly annual annually
    anything something everything nothing else anyone everyone
    listed mentioned mention mentions named stated cited quoted shown given says
    whether either neither yet though although however currently nowadays today now right generally usually typically approximately roughly around about
    main primary basic key major
    """.split()
)
