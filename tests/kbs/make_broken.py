"""Rebuild the broken KBs from tidepool/: one fault each (or, for `every-problem-at-once`, one in each
of several files). Then write each expected.txt from `careerbot kb check .` run inside the folder,
after reading that the messages are right."""
import pathlib
import shutil

HERE = pathlib.Path(__file__).parent
base = HERE / "tidepool"
cases = {
 'yaml-syntax': ('facts.yaml', 'topics: [duties]\n    source: guild-handbook\n    keywords: [job, what they do]', 'topics: [duties\n    source: guild-handbook\n    keywords: [job, what they do]'),
 'missing-field': ('facts.yaml', '    text: Most surveyors hold a degree in marine biology.\n', ''),
 'duplicate-id': ('facts.yaml', '  - id: wage-parks\n', '  - id: wage-institutes\n'),
 'dangling-source': ('facts.yaml', '    topics: [education]\n    source: guild-handbook', '    topics: [education]\n    source: guild-manual'),
 'dangling-entity': ('facts.yaml', 'scope: {setting: parks}}\n  - id: share-institutes', 'scope: {setting: beaches}}\n  - id: share-institutes'),
 'dangling-topic': ('facts.yaml', '    topics: [duties]\n', '    topics: [dutys]\n'),
 'conflicting-synonyms': ('lexicon.yaml', '  workplace: [where do, employers, work for]', '  workplace: [where do, employers, work for, parks]'),
 'shares-not-100': ('facts.yaml', 'In 2010, 40% of surveyors worked at parks agencies.', 'In 2010, 30% of surveyors worked at parks agencies.', 'value: 40, unit: percent', 'value: 30, unit: percent'),
 'percentiles-out-of-order': ('facts.yaml', 'the top 10% over $72,250.', 'the top 10% over $42,250.', 'value: 72250', 'value: 42250'),
 'growth-disagrees': ('facts.yaml', 'That is growth of 30%', 'That is growth of 25%', 'value: 30, unit: percent, period', 'value: 25, unit: percent, period'),
 'value-not-in-text': ('facts.yaml', 'value: 48500', 'value: 48000'),
 'unknown-field': ('facts.yaml', '  - id: wage-median\n    text: The median surveyor earned $48,500 a year in 2010.\n    topics: [earnings]', '  - id: wage-median\n    text: The median surveyor earned $48,500 a year in 2010.\n    topic: [earnings]'),
 'missing-file': ('chitchat.yaml', None, None),
 'duplicate-key': ('sources.yaml', '    year: 2010\n', '    year: 2010\n    year: 2011\n'),
 'number-not-grounded': ('facts.yaml', 'count and map the creatures', 'count and map the 500 creatures'),
 'unknown-measure': ('facts.yaml', 'measure: employment, value: 12000', 'measure: headcount, value: 12000'),
 'bad-url': ('sources.yaml', '    section: Becoming a surveyor\n', '    section: Becoming a surveyor\n    url: http://guild.example/handbook\n'),
 'bad-unit': ('facts.yaml', 'value: 12000, unit: people', 'value: 12000, unit: persons'),
 'bad-rank': ('sources.yaml', '    section: Becoming a surveyor\n', '    section: Becoming a surveyor\n    rank: 0\n'),
 'every-problem-at-once': [('topics.yaml', '    cues: [duties, job]', '    cues: [duties, job'),
                           ('facts.yaml', '  - id: wage-parks\n', '  - id: wage-institutes\n',
                            'In 2010, 40% of surveyors worked at parks agencies.', 'In 2010, 30% of surveyors worked at parks agencies.',
                            'value: 40, unit: percent', 'value: 30, unit: percent')],
 'unknown-top-key': ('topics.yaml', 'topics:\n', 'topic_order: [duties]\ntopics:\n'),
 'misspelt-entity': ('facts.yaml', 'scope: {setting: parks}}\n  - id: share-institutes', 'scope: {setting: park}}\n  - id: share-institutes'),
 'misspelt-figure': ('facts.yaml', 'inputs: [employment-2010, employment-2020]}}', 'inputs: [employmnet-2010, employment-2020]}}'),
 'two-medians-one-scope': ('facts.yaml', 'value: 45500, unit: USD/year, year: 2010, scope: {setting: parks}}', 'value: 45500, unit: USD/year, year: 2010}'),
 'rest-without-includes': ('facts.yaml', 'value: 12000, unit: people, year: 2010}', 'value: 12000, unit: people, year: 2010, rest: [newcomers]}'),
 'part-also-rest': ('facts.yaml', 'value: 15600, unit: people, year: 2020, projection: true}', 'value: 15600, unit: people, year: 2020, projection: true, includes: [employment-2010], rest: [newcomers, new hires], parts: [new hires, transfers]}'),
 'spelled-number': ('facts.yaml', 'count and map the creatures', 'count and map, for three years, the creatures'),
}
for name, spec in cases.items():
    d = HERE / ('broken-' + name)
    if d.exists(): shutil.rmtree(d)
    shutil.copytree(base, d)
    for spec in spec if isinstance(spec, list) else [spec]:
        f = d / spec[0]
        if spec[1] is None:
            f.unlink(); continue
        s = f.read_text()
        pairs = list(zip(spec[1::2], spec[2::2]))
        for a, b in pairs:
            assert s.count(a) == 1, (name, a, s.count(a))
            s = s.replace(a, b)
        f.write_text(s)
